#!/usr/bin/env bash
# Sets up what the tests need on a fresh machine and runs all of them:
#   Python: the Airflow 3 DAG's pytest tests, in a venv made by scripts/python-env.sh (pinned Airflow 3.1).
#   Java: JUnit 5 on real Spark 3.5 and Delta Lake, CRM over JDBC against a real PostgreSQL started here, the
#     HTML run report in headless Chromium (Debian's chromium, installed when missing); the same Maven call then
#     packages the jars.
#   End to end (scripts/e2e-airflow.sh): a Spark standalone cluster and a real Airflow 3 on loopback, driven by
#     the Java Airflow client; its reference lake is a one-day demo, kept for the notebooks. Skipped when extra
#     Maven arguments are given (a targeted run) or SOCIALCRM_E2E=0 (then a one-day demo is made here).
#   Notebooks (scripts/notebooks.sh): each of notebooks/ executed headless on that demo lake, in their own venv,
#     and Superset's SQLAlchemy dialect (PyHive) against serve-sql on it.
#     Skipped when extra Maven arguments are given.
# Usage: scripts/test.sh [extra Maven arguments, e.g. -Dtest=BronzeIngestJobTest]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq; APT_UPDATED=1; }
  apt-get install -y -qq "$@"
}
command -v java >/dev/null && java -version 2>&1 | grep -q 'version "17' || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null || apt_install maven
command -v curl >/dev/null || apt_install curl   # the end-to-end test polls Spark's and Airflow's HTTP APIs
# The HTML run report's test opens it in headless Chromium.
[ -n "${SOCIALCRM_CHROMIUM:-}" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null ||
  command -v google-chrome >/dev/null || apt_install chromium

# Each stage's time, printed at the end (also after a failure) with the 10 slowest Java test classes.
T_START=$(date +%s) T_STAGE=$(date +%s) STAGE="set-up" TIMES=""
stage() {
  local now; now=$(date +%s)
  TIMES="$TIMES$(printf '  %-62s %5d s' "$STAGE" $(( now - T_STAGE )))"$'\n'
  STAGE="$1" T_STAGE=$now
  echo "== $1"
}
summary() {
  local rc=$1 now; now=$(date +%s)
  echo "== Time per stage"
  printf '%s' "$TIMES"
  printf '  %-62s %5d s\n' "$STAGE$([ "$rc" = 0 ] || echo " (failed)")" $(( now - T_STAGE ))
  printf '  %-62s %5d s\n' "total" $(( now - T_START ))
  local reports="$ROOT/jobs/target/surefire-reports"
  if ls "$reports"/TEST-*.xml >/dev/null 2>&1; then
    echo "== The 10 slowest Java test classes"
    python3 - "$reports" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
rows = []
for path in glob.glob(f"{sys.argv[1]}/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    rows.append((float(suite.get("time", 0)), suite.get("name"), int(suite.get("tests", 0))))
rows.sort(reverse=True)
total = sum(r[0] for r in rows)
for seconds, name, tests in rows[:10]:
    print(f"  {name:<62} {seconds:7.1f} s  {tests:3d} tests")
print(f"  {len(rows)} classes, {total:.0f} s in all")
PY
  fi
}

# A throw-away PostgreSQL server on loopback for the CRM-over-JDBC test.
PGDIR="$(mktemp -d /tmp/socialcrm-pg.XXXXXX)"
chmod 755 "$PGDIR"
PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)"
cleanup() { scripts/pg-test-server.sh stop "$PGDIR" || true; rm -rf "$PGDIR"; }
trap 'rc=$?; cleanup; summary "$rc"; exit "$rc"' EXIT
SOCIALCRM_TEST_PG_URL="$(scripts/pg-test-server.sh start "$PGDIR" "$PGPORT")"
export SOCIALCRM_TEST_PG_URL

stage "Python tests (Airflow DAG)"
PY="$(scripts/python-env.sh)"
"$PY" -m pytest dags/tests -q

stage "Java tests (Spark, Delta, PostgreSQL), then the jars"
echo "   PostgreSQL at $SOCIALCRM_TEST_PG_URL"
mvn -B -ntp package "$@"

[ "$#" -eq 0 ] || exit 0
DEMO="$(mktemp -d /tmp/socialcrm-demo.XXXXXX)"
trap 'rc=$?; cleanup; rm -rf "$DEMO"; summary "$rc"; exit "$rc"' EXIT
if [ "${SOCIALCRM_E2E:-1}" != 0 ]; then
  stage "End to end: Spark cluster + Airflow 3 + the Java Airflow client"
  E2E_DEMO_OUT="$DEMO/demo" scripts/e2e-airflow.sh
else
  stage "The demo lake for the notebooks (one day)"
  ./socialcrm demo --days 1 --out "$DEMO/demo" >"$DEMO/demo.log" 2>&1 || { tail -20 "$DEMO/demo.log"; exit 1; }
fi
stage "Notebooks on the demo lake; Superset's client against serve-sql"
scripts/notebooks.sh "$DEMO/demo/lake"
