#!/usr/bin/env python3
"""Where a run's Spark time goes, from Spark's event log (a developer's tool, not a test).

Run a night with  SOCIALCRM_JAVA_OPTS="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=/tmp/ev"  and give this
script the log file. It prints the jobs grouped by who started them: the first io.socialcrm frame of the job's
call site (our line), and Delta's own jobs by their description (snapshot state, stats, file listing). For each
group: jobs, their summed wall time (submission to end) and their summed task time. The gap between the run's
wall time and the jobs' time is driver-side work outside jobs (planning, code generation, Delta log replay on the
driver, commits).

Usage: scripts/eventlog-summary.py EVENT_LOG [--top N]
"""
import collections
import json
import re
import sys


# Helpers that run other code's queries: a job they start is named by their caller too.
PASS_THROUGH = ("lake.RunScratch", "marts.GoldWriter")


def our_frame(details):
    frames = []
    for line in (details or "").splitlines():
        m = re.search(r"io\.socialcrm\.([\w.$]+)\(([\w]+\.java:\d+)\)", line)
        if m:
            frames.append(m.group(1).rsplit(".", 1)[0].split("$")[0] + " " + m.group(2))
            if not frames[-1].startswith(PASS_THROUGH):
                break
    if not frames:
        return None
    return frames[0] if len(frames) == 1 else frames[0] + " <- " + frames[-1]


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 40
    jobs = {}
    stage_job = {}
    task_ms = collections.Counter()
    app_start = app_end = None
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            kind = e.get("Event")
            if kind == "SparkListenerApplicationStart":
                app_start = e["Timestamp"]
            elif kind == "SparkListenerApplicationEnd":
                app_end = e["Timestamp"]
            elif kind == "SparkListenerJobStart":
                props = e.get("Properties") or {}
                details = " ".join(s.get("Details", "") for s in e.get("Stage Infos", []))
                desc = props.get("spark.job.description") or ""
                who = our_frame(details)
                if desc.startswith("Delta") or not who:
                    who = "delta: " + (desc or props.get("callSite.short", "?"))[:70] + ("" if not our_frame(details) else "  <- " + our_frame(details))
                jobs[e["Job ID"]] = {"who": who, "start": e["Submission Time"], "end": None}
                for sid in e.get("Stage IDs", []):
                    stage_job[sid] = e["Job ID"]
            elif kind == "SparkListenerJobEnd":
                if e["Job ID"] in jobs:
                    jobs[e["Job ID"]]["end"] = e["Completion Time"]
            elif kind == "SparkListenerTaskEnd":
                info = e.get("Task Info", {})
                job = stage_job.get(e.get("Stage ID"))
                if job is not None:
                    task_ms[job] += info.get("Finish Time", 0) - info.get("Launch Time", 0)
    groups = collections.defaultdict(lambda: [0, 0, 0])
    for jid, j in jobs.items():
        g = groups[j["who"]]
        g[0] += 1
        g[1] += (j["end"] or j["start"]) - j["start"]
        g[2] += task_ms[jid]
    total_jobs = sum(g[0] for g in groups.values())
    total_wall = sum(g[1] for g in groups.values())
    print(f"{total_jobs} jobs, {total_wall / 1000:.1f} s in jobs (summed)"
          + (f", application {((app_end or 0) - app_start) / 1000:.1f} s" if app_start and app_end else ""))
    print(f"{'jobs':>5} {'job s':>7} {'task s':>7}  started by")
    for who, (n, wall, tasks) in sorted(groups.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"{n:5d} {wall / 1000:7.1f} {tasks / 1000:7.1f}  {who}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
