#!/usr/bin/env bash
# End-to-end test with real components, on loopback: a Spark standalone cluster (Master and Worker from the
# .venv's pyspark jars), a real Airflow 3 (`airflow standalone` from .venv: SQLite, LocalExecutor, simple auth
# manager, a generated password) whose spark_default connection is that cluster, the socialcrm_nightly DAG, and
# the Java Airflow client (`socialcrm airflow ...`), which drives everything. It:
#   1. builds the jars and test classes if missing; starts the Spark master and worker and waits for the worker;
#   2. runs the demo for one day D (yesterday, UTC): small sample data, every step locally (local[2]), into a
#      reference lake (kept in $E2E_DEMO_OUT when that is set);
#   3. moves D's landing folders away (the exports are "late"), starts Airflow with start and end date D (so a
#      run across midnight UTC gets no scheduled run for D+1) and 0 retries;
#   4. `airflow trigger --date D --wait` on the paused DAG, then `airflow unpause`: the run fails in ingest (no
#      landing data for D), the other tasks are upstream_failed, `airflow logs --task ingest` says why;
#   5. puts D's landing back and `airflow clear --failed --wait`: the run succeeds on the cluster, maintenance
#      included; Airflow holds one run for D (the scheduler did not add its own);
#   6. checks the lake's run report for D and that every table equals the reference lake's (LakeDiff, without
#      run ids and run times): the cluster, a failed try and maintenance change no row;
#   7. `airflow backfill --from D-1 --to D-1 --wait`: a run for D-1, which has no landing data, fails and the
#      backfill says so (exit 1); `airflow status` and `airflow logs --task marts`;
#   8. always stops Airflow and the cluster; exits non-zero with a one-line "e2e: FAILED: ..." on any failure.
# Usage: scripts/e2e-airflow.sh            (E2E_KEEP=1 keeps the temporary directory)
set -euo pipefail

T0=$(date +%s)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'e2e: %s (%ds)\n' "$*" "$(( $(date +%s) - T0 ))"; }
fail() { printf 'e2e: FAILED: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d -t socialcrm-e2e-airflow.XXXXXX)"
AF_PID="" MASTER_PID="" WORKER_PID=""
OK=0

stop_group() {
  local pid=$1 name=$2
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    say "stopping $name (process group $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
}

cleanup() {
  local rc=$?
  stop_group "$AF_PID" Airflow
  stop_group "$WORKER_PID" "the Spark worker"
  stop_group "$MASTER_PID" "the Spark master"
  if [ "$OK" != 1 ]; then
    for log in airflow.log spark-master.log spark-worker.log; do
      if [ -f "$WORK/$log" ]; then
        echo "---- last 40 lines of $WORK/$log ----" >&2
        tail -40 "$WORK/$log" >&2 || true
      fi
    done
    echo "e2e: kept $WORK for a look" >&2
  elif [ "${E2E_KEEP:-0}" = 1 ]; then
    say "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  say "total time $(( $(date +%s) - T0 )) s"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# ---- 1. jars, test classes (LakeDiff), the venv, the Spark cluster
CLUSTER_JAR="$ROOT/jobs/target/socialcrm-jobs-cluster.jar"
if [ ! -f "$CLUSTER_JAR" ] || [ ! -f "$ROOT/jobs/target/socialcrm-jobs.jar" ] || [ ! -f "$ROOT/jobs/target/classpath.txt" ] ||
   [ ! -f "$ROOT/jobs/target/test-classes/io/socialcrm/testing/LakeDiff.class" ]; then
  say "building the jars and test classes"
  mvn -o -q -ntp -pl jobs package -DskipTests || fail "the build failed (mvn -o -q -ntp -pl jobs package -DskipTests)"
fi
[ -x "$ROOT/.venv/bin/airflow" ] || scripts/python-env.sh >/dev/null || fail "scripts/python-env.sh could not make .venv"
PY="$ROOT/.venv/bin/python"
[ -x "$ROOT/.venv/bin/spark-submit" ] || fail ".venv has no spark-submit (pyspark); rerun scripts/python-env.sh"

# The venv's spark-submit finds its Spark only with the venv's python first on PATH (dags/README.md).
export PATH="$ROOT/.venv/bin:$PATH"
export SOCIALCRM_DRIVER_MEMORY="${SOCIALCRM_DRIVER_MEMORY:-2g}" SPARK_LOCAL_IP=127.0.0.1
SPARK_HOME="$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME SPARK_LOG_DIR="$WORK/spark-logs" SPARK_WORKER_DIR="$WORK/spark-work"

MASTER_PORT=$(free_port) MASTER_UI=$(free_port) WORKER_UI=$(free_port)
MASTER="spark://127.0.0.1:$MASTER_PORT"
say "starting a Spark standalone master at $MASTER and a worker (2 cores, 4g)"
setsid "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$MASTER_PORT" \
  --webui-port "$MASTER_UI" >"$WORK/spark-master.log" 2>&1 &
MASTER_PID=$!
setsid "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 4g \
  --webui-port "$WORKER_UI" --work-dir "$SPARK_WORKER_DIR" "$MASTER" >"$WORK/spark-worker.log" 2>&1 &
WORKER_PID=$!
deadline=$(( $(date +%s) + 90 ))
until curl -fsS "http://127.0.0.1:$MASTER_UI/json/" 2>/dev/null | "$PY" -c '
import json, sys
sys.exit(0 if json.load(sys.stdin).get("aliveworkers", 0) >= 1 else 1)' 2>/dev/null; do
  kill -0 "$MASTER_PID" 2>/dev/null || fail "the Spark master exited (log: $WORK/spark-master.log)"
  kill -0 "$WORKER_PID" 2>/dev/null || fail "the Spark worker exited (log: $WORK/spark-worker.log)"
  [ "$(date +%s)" -lt "$deadline" ] || fail "no Spark worker registered with $MASTER within 90 s"
  sleep 2
done
say "Spark cluster up: 1 worker alive at $MASTER"

TODAY=$(date -u +%F)
DAY=$(date -u -d "$TODAY -1 day" +%F)        # the date the triggered run processes
BEFORE=$(date -u -d "$TODAY -2 day" +%F)     # the date the backfill asks for (no landing data)
# The demo (sample data and its lake) goes to $E2E_DEMO_OUT when set, which outlives this script (scripts/test.sh
# runs the notebooks on it); else it is in $WORK.
DATA="${E2E_DEMO_OUT:-$WORK/demo}" LAKE="$WORK/lake" LATE="$WORK/late"
REFERENCE="$DATA/lake"
SC="$ROOT/socialcrm"

# ---- 2. sample data and the reference run: the demo of one day D
[ ! -e "$DATA/landing" ] || fail "$DATA already holds a demo"
say "reference: socialcrm demo --days 1 --start $DAY (local) into $DATA"
"$SC" demo --scale small --days 1 --start "$DAY" --out "$DATA" >"$WORK/reference.log" 2>&1 ||
  { tail -20 "$WORK/reference.log" >&2; fail "the reference run failed (log: $WORK/reference.log)"; }
[ -d "$DATA/landing" ] || fail "the demo made no $DATA/landing"
{ grep -E '^\[step .* done in' "$WORK/reference.log" || true; } | tr '\n' ' '; echo

# D's exports are late: every <landing>/<input>/<D> folder moves away until step 5.
mkdir -p "$LATE"
for dir in "$DATA"/landing/*/"$DAY"; do
  input=$(basename "$(dirname "$dir")")
  mkdir -p "$LATE/$input" && mv "$dir" "$LATE/$input/"
done

# ---- 3. Airflow standalone
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(18))')
export AIRFLOW_HOME="$WORK/airflow-home"
mkdir -p "$AIRFLOW_HOME"
printf '{"admin": "%s"}\n' "$PASSWORD" >"$WORK/passwords.json"
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="admin:admin"
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="$WORK/passwords.json"
export AIRFLOW__CORE__AUTH_MANAGER="airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__DAGS_FOLDER="$ROOT/dags"
export AIRFLOW__CORE__EXECUTOR=LocalExecutor AIRFLOW__CORE__PARALLELISM=2
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$AIRFLOW_HOME/airflow.db"
export AIRFLOW__API__HOST=127.0.0.1 AIRFLOW__API__PORT="$PORT" AIRFLOW__API__BASE_URL="$URL" AIRFLOW__API__WORKERS=1
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="$URL/execution/"
AIRFLOW__API_AUTH__JWT_SECRET=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(32))')
AIRFLOW__API__SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(32))')
export AIRFLOW__API_AUTH__JWT_SECRET AIRFLOW__API__SECRET_KEY
export AIRFLOW_CONN_SPARK_DEFAULT="{\"conn_type\": \"spark\", \"host\": \"spark://127.0.0.1\", \"port\": $MASTER_PORT}"
export AIRFLOW_VAR_SOCIALCRM_LAKE="$LAKE" AIRFLOW_VAR_SOCIALCRM_LANDING="$DATA/landing"
export AIRFLOW_VAR_SOCIALCRM_JAR="$CLUSTER_JAR"
# The end date keeps the scheduler to D: a test that runs across midnight UTC would otherwise see the scheduler
# (catchup) add its own run for D+1 beside the triggered one (CI did, 2026-12-08).
export AIRFLOW_VAR_SOCIALCRM_START_DATE="$DAY" AIRFLOW_VAR_SOCIALCRM_END_DATE="$DAY" AIRFLOW_VAR_SOCIALCRM_RETRIES=0
export AIRFLOW_VAR_SOCIALCRM_SPARK_CONF='{"spark.driver.memory": "2g", "spark.executor.memory": "2g", "spark.cores.max": "2", "spark.sql.shuffle.partitions": "4", "spark.ui.enabled": "false"}'

say "preparing Airflow in $AIRFLOW_HOME (db migrate, pool socialcrm)"
airflow db migrate >"$WORK/airflow-setup.log" 2>&1 || { tail -20 "$WORK/airflow-setup.log" >&2; fail "airflow db migrate failed"; }
airflow pools set socialcrm 1 "socialcrm Spark jobs" >>"$WORK/airflow-setup.log" 2>&1 ||
  { tail -20 "$WORK/airflow-setup.log" >&2; fail "airflow pools set socialcrm failed"; }

say "starting airflow standalone on $URL"
setsid airflow standalone >"$WORK/airflow.log" 2>&1 &
AF_PID=$!

# ---- 4. healthy API (metadatabase and scheduler)
deadline=$(( $(date +%s) + 240 ))
until curl -fsS "$URL/api/v2/monitor/health" 2>/dev/null | "$PY" -c '
import json, sys
h = json.load(sys.stdin)
sys.exit(0 if h["metadatabase"]["status"] == "healthy" and (h.get("scheduler") or {}).get("status") == "healthy" else 1)
' 2>/dev/null; do
  kill -0 "$AF_PID" 2>/dev/null || fail "airflow standalone exited before its API was healthy"
  [ "$(date +%s)" -lt "$deadline" ] || fail "the Airflow API at $URL was not healthy within 240 s"
  sleep 3
done
say "Airflow API healthy at $URL"

export SOCIALCRM_AIRFLOW_URL="$URL" SOCIALCRM_AIRFLOW_USER=admin SOCIALCRM_AIRFLOW_PASSWORD="$PASSWORD"

# ---- 5. trigger D on the paused DAG (retried until the DAG processor has parsed it), unpause, wait for the run
deadline=$(( $(date +%s) + 180 ))
until "$SC" airflow trigger --date "$DAY" >"$WORK/trigger.out" 2>&1; do
  grep -q "has no DAG" "$WORK/trigger.out" || { cat "$WORK/trigger.out" >&2; fail "socialcrm airflow trigger --date $DAY failed"; }
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$WORK/trigger.out" >&2; airflow dags list-import-errors >&2 || true
    fail "the DAG socialcrm_nightly did not appear in Airflow within 180 s"; }
  sleep 5
done
cat "$WORK/trigger.out"
RUN_ID=$(sed -n 's/^triggered run \([^ ]*\) of DAG.*/\1/p' "$WORK/trigger.out")
[ -n "$RUN_ID" ] || fail "no run id in the output of trigger"
grep -q "^note: DAG socialcrm_nightly is paused" "$WORK/trigger.out" || fail "trigger did not say the new DAG is paused"
"$SC" airflow unpause | tee "$WORK/unpause.out"
grep -q "is unpaused" "$WORK/unpause.out" || fail "unpause did not report the DAG unpaused"

# Waits with `airflow status --run` until the run is success or failed; prints and keeps the last status.
wait_run() {
  local run=$1 out=$2 deadline=$(( $(date +%s) + 40 * 60 ))
  while true; do
    "$SC" airflow status --run "$run" >"$out" 2>&1 || { cat "$out" >&2; fail "socialcrm airflow status --run $run failed"; }
    grep -Eq "^run .*: (success|failed)$" "$out" && break
    [ "$(date +%s)" -lt "$deadline" ] || { cat "$out" >&2; fail "run $run did not finish within 40 min"; }
    sleep 5
  done
  cat "$out"
}
task_state() { grep -Eq "^\| $2 +\| $3 +\|" "$1" || fail "task $2 is not $3 (see above)"; }

say "waiting for run $RUN_ID of $DAY (its landing data is not there yet)"
wait_run "$RUN_ID" "$WORK/status-1.out"
grep -q "^run $RUN_ID of DAG socialcrm_nightly: failed$" "$WORK/status-1.out" || fail "run $RUN_ID did not fail without landing data"
task_state "$WORK/status-1.out" ingest failed
for t in conform identity marts latest_only maintenance; do task_state "$WORK/status-1.out" "$t" upstream_failed; done
"$SC" airflow logs --task ingest --run "$RUN_ID" >"$WORK/logs-ingest.out" 2>&1 || fail "socialcrm airflow logs --task ingest failed"
grep -q "no landing data for $DAY" "$WORK/logs-ingest.out" || { tail -20 "$WORK/logs-ingest.out" >&2; fail "the ingest log does not say 'no landing data for $DAY'"; }
say "ingest failed as it should: $(grep -m1 -o "no landing data for $DAY[^\"]*" "$WORK/logs-ingest.out" | cut -c1-120)"

# ---- 6. the exports arrive: clear the failed tasks and wait for the run on the cluster
for dir in "$LATE"/*/"$DAY"; do mv "$dir" "$DATA/landing/$(basename "$(dirname "$dir")")/"; done
say "landing data for $DAY in place; clearing the failed tasks of $RUN_ID"
set +e
"$SC" airflow clear --failed --run "$RUN_ID" --wait --poll-seconds 5 --timeout-minutes 40 2>&1 | tee "$WORK/clear.out"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || fail "socialcrm airflow clear --failed --wait exited $rc"
grep -q "^cleared 6 task(s) of run $RUN_ID: " "$WORK/clear.out" || fail "clear did not clear the failed task and the 5 upstream_failed ones"
grep -q "^run $RUN_ID success$" "$WORK/clear.out" || fail "run $RUN_ID did not end in success after clear"
for t in ingest conform identity marts latest_only maintenance; do task_state "$WORK/clear.out" "$t" success; done
airflow dags list-runs socialcrm_nightly -o json >"$WORK/runs.json" 2>"$WORK/runs.err" || { cat "$WORK/runs.err" >&2; fail "airflow dags list-runs failed"; }
"$PY" - "$WORK/runs.json" "$RUN_ID" <<'EOF2' || fail "Airflow does not hold exactly one run, the triggered one"
import json, sys
runs = json.load(open(sys.argv[1]))
print(f"e2e: Airflow holds {len(runs)} run(s): {[(r['run_id'], r['state']) for r in runs]}")
sys.exit(0 if [r["run_id"] for r in runs] == [sys.argv[2]] else 1)
EOF2
grep -q "spark://127.0.0.1:$MASTER_PORT" <("$SC" airflow logs --task marts --run "$RUN_ID") || fail "the marts task was not submitted to $MASTER"
curl -fsS "http://127.0.0.1:$MASTER_UI/json/" | "$PY" -c '
import json, sys
apps = json.load(sys.stdin).get("completedapps", [])
names = sorted(a["name"] for a in apps)
print(f"e2e: the Spark master ran {len(apps)} application(s): {names}")
sys.exit(0 if len(apps) >= 6 else 1)' || fail "the Spark master did not run the 6 spark-submits (a failed ingest, then 5 tasks)"

# ---- 7. the lake: D's run report, and every table equal to the reference run's
"$PY" - "$LAKE" "$DAY" <<'EOF2' || fail "the lake has no succeeded run report for $DAY, or one without its HTML page"
import glob, json, sys
lake, day = sys.argv[1], sys.argv[2]
reports = [json.load(open(p)) for p in sorted(glob.glob(f"{lake}/_runs/*.json"))]
ok = [r for r in reports if r.get("date") == day and r.get("status") == "succeeded"]
print(f"e2e: lake run reports: {len(reports)}, succeeded for {day}: {len(ok)} "
      f"(statuses {sorted({(r.get('date'), r.get('status')) for r in reports})})")
pages = [r["run_id"] for r in ok if 'data-chart="funnel"' in open(f"{lake}/_runs/{r['run_id']}.html").read()]
print(f"e2e: HTML run reports beside them: {len(pages)}")
sys.exit(0 if ok and len(pages) == len(ok) else 1)
EOF2
say "comparing every table of the cluster's lake with the reference lake"
java -Xmx2g $(grep -o -- '--add-opens=[^ "]*' "$SC" | sort -u | tr '\n' ' ') \
  -cp "$ROOT/jobs/target/test-classes:$ROOT/jobs/target/classes:$(cat "$ROOT/jobs/target/classpath.txt")" \
  io.socialcrm.testing.LakeDiff "$REFERENCE" "$LAKE" >"$WORK/lakediff.out" 2>"$WORK/lakediff.err" ||
  { cat "$WORK/lakediff.out"; tail -20 "$WORK/lakediff.err" >&2; fail "the lake differs from the reference lake"; }
grep -v " same$" "$WORK/lakediff.out" || true
tail -1 "$WORK/lakediff.out" | grep -q ", 0 differ$" || fail "LakeDiff did not compare the lakes"

# ---- 8. a backfill of a day without landing data fails and says so; status and logs
say "backfilling $BEFORE, which has no landing data"
set +e
"$SC" airflow backfill --from "$BEFORE" --to "$BEFORE" --wait --poll-seconds 5 --timeout-minutes 20 2>&1 | tee "$WORK/backfill.out"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 1 ] || fail "backfill --wait of a day without data exited $rc, not 1"
grep -Eq "^  ${BEFORE}T00:00Z  failed +backfill__" "$WORK/backfill.out" || fail "the backfill shows no failed run for $BEFORE"
grep -q "complete at .*: 1 run(s), 1 failed$" "$WORK/backfill.out" || fail "the backfill summary is not 1 run, 1 failed"
BF_RUN=$(sed -n "s/^  ${BEFORE}T00:00Z  failed *\(backfill__[^ ]*\)$/\1/p" "$WORK/backfill.out")
"$SC" airflow logs --task ingest --run "$BF_RUN" 2>&1 | grep -q "no landing data for $BEFORE" ||
  fail "the backfill's ingest log does not say 'no landing data for $BEFORE'"

"$SC" airflow status --run "$RUN_ID" >"$WORK/status.out" 2>&1 || { cat "$WORK/status.out" >&2; fail "socialcrm airflow status failed"; }
grep -q "^run $RUN_ID of DAG socialcrm_nightly: success$" "$WORK/status.out" || fail "status does not show run $RUN_ID as success"
"$SC" airflow logs --task marts --run "$RUN_ID" >"$WORK/logs.out" 2>&1 || { tail -20 "$WORK/logs.out" >&2; fail "socialcrm airflow logs --task marts failed"; }
grep -q -- "--date $DAY" "$WORK/logs.out" || fail "the marts log does not show --date $DAY"
say "logs --task marts: $(wc -l <"$WORK/logs.out") lines, spark-submit to $MASTER with --date $DAY"

OK=1
say "PASSED: on a Spark standalone cluster driven by Airflow through the Java client, $DAY failed without data, was cleared and succeeded with tables equal to a local run's; a backfill of $BEFORE failed and said so"
