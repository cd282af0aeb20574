#!/usr/bin/env bash
# Executes the notebooks in notebooks/ headless against a lake and fails on any error (notebooks/tests, pytest
# with nbclient), in the venv of scripts/python-env.sh notebooks, and Superset's client (PyHive's SQLAlchemy
# dialect) against `./socialcrm serve-sql` on the same lake (notebooks/tests/test_bi_clients.py). Needs the jar of `mvn package`
# (jobs/target/socialcrm-jobs-cluster.jar: Delta Lake for PySpark).
# Usage: scripts/notebooks.sh [LAKE]     (default: data/lake, the lake of ./socialcrm demo)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LAKE="$(cd "${1:-data/lake}" && pwd)" || { echo "notebooks: no lake at ${1:-data/lake} (run ./socialcrm demo)" >&2; exit 1; }
[ -f jobs/target/socialcrm-jobs-cluster.jar ] || mvn -B -q -ntp -pl jobs package -DskipTests
PY="$(scripts/python-env.sh notebooks)"
export SOCIALCRM_LAKE="$LAKE" PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY"
"$PY" -m pytest notebooks/tests -q -p no:cacheprovider
