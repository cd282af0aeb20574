#!/usr/bin/env bash
# Sets up what the tests need on a fresh machine and runs all of them:
#   Python: the Airflow 3 DAG's pytest tests, in a venv made by scripts/python-env.sh (pinned Airflow 3.1).
#   Java: JUnit 5 on real Spark 3.5 and Delta Lake, CRM over JDBC against a real PostgreSQL started here; the
#     same Maven call then packages the jars.
#   End to end (scripts/e2e-airflow.sh): a Spark standalone cluster and a real Airflow 3 on loopback, driven by
#     the Java Airflow client. Skipped when extra Maven arguments are given (a targeted run) or SOCIALCRM_E2E=0.
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

if [ "$#" -eq 0 ] && [ "${SOCIALCRM_E2E:-1}" != 0 ]; then
  echo "== End to end: Spark standalone cluster + Airflow 3 + the Java Airflow client"
  scripts/e2e-airflow.sh
fi
