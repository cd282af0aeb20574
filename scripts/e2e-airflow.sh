#!/usr/bin/env bash
# End-to-end test of the socialcrm_nightly DAG and the Java Airflow client against a REAL Airflow 3
# (`airflow standalone` from .venv: SQLite, LocalExecutor, simple auth manager) on loopback:
#   1. builds the jars if missing, 2. generates 2 days of small sample data ending yesterday (UTC),
#   3. starts Airflow in a temporary AIRFLOW_HOME with the Spark connection (local[2]), the Variables and the
#      pool the DAG needs, 4. waits until the API is healthy,
#   5. through the Java client only: `socialcrm airflow unpause`, `socialcrm airflow trigger --date D --wait`,
#   6. checks the lake: the run report of D (status succeeded) and the gold tables,
#   7. `socialcrm airflow status` and `socialcrm airflow logs --task marts` against the same server,
#   8. always stops Airflow; exits non-zero with a one-line "e2e: FAILED: ..." on any failure.
# D is yesterday (UTC) and the DAG's start date (Variable socialcrm_start_date) is today, so unpausing
# schedules nothing (catchup has no complete day yet) and the manual run for D (logical date D+1) is the only run.
# Usage: scripts/e2e-airflow.sh            (E2E_KEEP=1 keeps the temporary directory)
set -euo pipefail

T0=$(date +%s)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'e2e: %s\n' "$*"; }
fail() { printf 'e2e: FAILED: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d -t socialcrm-e2e-airflow.XXXXXX)"
AF_PID=""
OK=0

cleanup() {
  local rc=$?
  if [ -n "$AF_PID" ] && kill -0 "$AF_PID" 2>/dev/null; then
    say "stopping Airflow (process group $AF_PID)"
    kill -TERM -- "-$AF_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$AF_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$AF_PID" 2>/dev/null || true
  fi
  if [ "$OK" != 1 ]; then
    if [ -f "$WORK/airflow.log" ]; then
      echo "---- last 60 lines of the Airflow log ($WORK/airflow.log) ----" >&2
      tail -60 "$WORK/airflow.log" >&2 || true
    fi
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

# ---- 1. jars and the venv
CLUSTER_JAR="$ROOT/jobs/target/socialcrm-jobs-cluster.jar"
if [ ! -f "$CLUSTER_JAR" ] || [ ! -f "$ROOT/jobs/target/socialcrm-jobs.jar" ] || [ ! -f "$ROOT/jobs/target/classpath.txt" ]; then
  say "building the jars"
  mvn -o -q -ntp -pl jobs package -DskipTests || fail "the build failed (mvn -o -q -ntp -pl jobs package -DskipTests)"
fi
[ -x "$ROOT/.venv/bin/airflow" ] || scripts/python-env.sh >/dev/null || fail "scripts/python-env.sh could not make .venv"
PY="$ROOT/.venv/bin/python"
[ -x "$ROOT/.venv/bin/spark-submit" ] || fail ".venv has no spark-submit (pyspark); rerun scripts/python-env.sh"

# The venv's spark-submit finds its Spark only with the venv's python first on PATH (dags/README.md).
export PATH="$ROOT/.venv/bin:$PATH"
export SOCIALCRM_DRIVER_MEMORY="${SOCIALCRM_DRIVER_MEMORY:-2g}" SPARK_LOCAL_IP=127.0.0.1

TODAY=$(date -u +%F)
DAY=$(date -u -d "$TODAY -1 day" +%F)        # the date the run processes
FIRST=$(date -u -d "$TODAY -2 day" +%F)      # first day of the sample data
DATA="$WORK/data" LAKE="$WORK/lake"

# ---- 2. sample data
say "generating sample data for $FIRST and $DAY in $DATA"
./socialcrm generate --scale small --days 2 --start "$FIRST" --seed 7 --out "$DATA" >"$WORK/generate.log" 2>&1 ||
  { tail -20 "$WORK/generate.log" >&2; fail "socialcrm generate failed (log: $WORK/generate.log)"; }
[ -d "$DATA/landing" ] || fail "generate made no $DATA/landing"

# ---- 3. Airflow standalone
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
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
export AIRFLOW_CONN_SPARK_DEFAULT='{"conn_type": "spark", "host": "local[2]"}'
export AIRFLOW_VAR_SOCIALCRM_LAKE="$LAKE" AIRFLOW_VAR_SOCIALCRM_LANDING="$DATA/landing"
export AIRFLOW_VAR_SOCIALCRM_JAR="$CLUSTER_JAR"
export AIRFLOW_VAR_SOCIALCRM_START_DATE="$TODAY"
export AIRFLOW_VAR_SOCIALCRM_SPARK_CONF='{"spark.driver.memory": "2g", "spark.sql.shuffle.partitions": "4", "spark.ui.enabled": "false"}'

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
SC="$ROOT/socialcrm"

# ---- 5. unpause (retried until the DAG processor has parsed the DAG), trigger and wait
deadline=$(( $(date +%s) + 180 ))
until "$SC" airflow unpause >"$WORK/unpause.out" 2>&1; do
  grep -q "airflow_not_found\|not found\|does not exist" "$WORK/unpause.out" ||
    { cat "$WORK/unpause.out" >&2; fail "socialcrm airflow unpause failed"; }
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$WORK/unpause.out" >&2; airflow dags list-import-errors >&2 || true
    fail "the DAG socialcrm_nightly did not appear in Airflow within 180 s"; }
  sleep 5
done
cat "$WORK/unpause.out"
grep -q "is unpaused" "$WORK/unpause.out" || fail "unpause did not report the DAG unpaused"

say "triggering the run for $DAY and waiting for it"
set +e
"$SC" airflow trigger --date "$DAY" --wait --poll-seconds 5 --timeout-minutes 40 2>&1 | tee "$WORK/trigger.out"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || fail "socialcrm airflow trigger --date $DAY --wait exited $rc"
RUN_ID=$(sed -n 's/^triggered run \([^ ]*\) of DAG.*/\1/p' "$WORK/trigger.out")
[ -n "$RUN_ID" ] || fail "no run id in the output of trigger"
grep -q "^run $RUN_ID success$" "$WORK/trigger.out" || fail "run $RUN_ID did not end in success"
for t in ingest conform identity marts maintenance; do
  grep -Eq "^\| $t +\| success +\|" "$WORK/trigger.out" || fail "task $t of run $RUN_ID is not success"
done

# ---- 6. the lake
"$PY" - "$LAKE" "$DAY" <<'EOF' || fail "the lake has no succeeded run report for $DAY"
import glob, json, sys
lake, day = sys.argv[1], sys.argv[2]
reports = [json.load(open(p)) for p in sorted(glob.glob(f"{lake}/_runs/*.json"))]
ok = [r for r in reports if r.get("date") == day and r.get("status") == "succeeded"]
print(f"e2e: lake run reports: {len(reports)}, succeeded for {day}: {len(ok)} "
      f"(statuses {sorted({(r.get('date'), r.get('status')) for r in reports})})")
sys.exit(0 if ok else 1)
EOF
for t in funnel_daily person_stage alerts; do
  [ -d "$LAKE/gold/$t/_delta_log" ] || fail "no gold table $t ($LAKE/gold/$t/_delta_log)"
done
say "gold tables: $(ls "$LAKE/gold" | tr '\n' ' ')"

# ---- 7. status and logs
"$SC" airflow status >"$WORK/status.out" 2>&1 || { cat "$WORK/status.out" >&2; fail "socialcrm airflow status failed"; }
cat "$WORK/status.out"
grep -q "^run $RUN_ID of DAG socialcrm_nightly: success$" "$WORK/status.out" || fail "status does not show run $RUN_ID as success"
"$SC" airflow logs --task marts >"$WORK/logs.out" 2>&1 || { tail -20 "$WORK/logs.out" >&2; fail "socialcrm airflow logs --task marts failed"; }
say "logs --task marts: $(wc -l <"$WORK/logs.out") lines; the spark-submit and the processed date:"
grep -m1 "Spark-Submit cmd" "$WORK/logs.out" | cut -c1-400 || fail "the marts log has no Spark-Submit cmd line"
grep -q -- "--date $DAY" "$WORK/logs.out" || fail "the marts log does not show --date $DAY"

OK=1
say "PASSED: run $RUN_ID processed $DAY through ingest, conform, identity, marts and maintenance"
