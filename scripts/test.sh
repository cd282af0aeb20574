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

# A throw-away PostgreSQL server on loopback for the CRM-over-JDBC test.
PGDIR="$(mktemp -d /tmp/socialcrm-pg.XXXXXX)"
chmod 755 "$PGDIR"
PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)"
cleanup() { scripts/pg-test-server.sh stop "$PGDIR" || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
SOCIALCRM_TEST_PG_URL="$(scripts/pg-test-server.sh start "$PGDIR" "$PGPORT")"
export SOCIALCRM_TEST_PG_URL

echo "== Python tests (Airflow DAG)"
PY="$(scripts/python-env.sh)"
"$PY" -m pytest dags/tests -q

echo "== Java tests (Spark, Delta, PostgreSQL at $SOCIALCRM_TEST_PG_URL), then the jars"
mvn -B -ntp package "$@"

[ "$#" -eq 0 ] || exit 0
DEMO="$(mktemp -d /tmp/socialcrm-demo.XXXXXX)"
trap 'cleanup; rm -rf "$DEMO"' EXIT
if [ "${SOCIALCRM_E2E:-1}" != 0 ]; then
  echo "== End to end: Spark standalone cluster + Airflow 3 + the Java Airflow client (its demo lake is kept)"
  E2E_DEMO_OUT="$DEMO/demo" scripts/e2e-airflow.sh
else
  echo "== The demo lake for the notebooks (one day)"
  ./socialcrm demo --days 1 --out "$DEMO/demo" >"$DEMO/demo.log" 2>&1 || { tail -20 "$DEMO/demo.log"; exit 1; }
fi
echo "== Notebooks, executed headless on the demo lake; Superset's client against serve-sql on it"
scripts/notebooks.sh "$DEMO/demo/lake"
