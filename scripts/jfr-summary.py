#!/usr/bin/env python3
"""Where a run's CPU goes, from a Java Flight Recording (a developer's tool, not a test).

The event log (scripts/eventlog-summary.py) says which of our lines started how many Spark jobs; this says what the
JVM's threads spent their CPU on, in the categories that make up a small night's fixed cost: code generation,
Catalyst analysis and optimization, plan descriptions (the explain strings Spark builds for its listeners), Delta's
log replay and snapshots, statistics, job scheduling and task serialization, task deserialization on the executor,
class loading, and the tasks' own work on rows.

Record a run with
  SOCIALCRM_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/run.jfr,settings=profile -XX:FlightRecorderOptions:stackdepth=256"
and give this script the file (it runs the JDK's `jfr` tool). Each execution sample is put in the first category
whose marker occurs anywhere in its stack, in the order listed below; the shares are of all samples of the threads.

Usage: scripts/jfr-summary.py RECORDING.jfr
"""
import collections
import re
import subprocess
import sys

# (category, markers): the first category with a marker in the stack wins, so the order matters (code generation
# started while planning counts as code generation).
CATEGORIES = [
    ("code generation (Janino)", ["org.codehaus.janino", "org.codehaus.commons", "expressions.codegen."]),
    ("plan descriptions (explain strings)", ["explainString", "treeString", "generateTreeString", "SparkPlanInfo",
                                             "simpleStringWithNodeId", "verboseStringWithOperatorId"]),
    ("Delta statistics and file skipping", ["delta.stats.", "StatisticsCollection", "DataSkippingReader"]),
    ("Delta log replay and snapshots", ["delta.Snapshot", "delta.DeltaLog", "delta.Checkpoint", "delta.LogSegment",
                                        "delta.SnapshotManagement", "delta.util.StateCache", "delta.util.JsonUtils"]),
    ("task deserialization", ["Executor$TaskRunner.run"]),  # refined below: only with ObjectInputStream in the stack
    ("Catalyst analysis and optimization", ["catalyst.analysis.", "catalyst.optimizer.", "catalyst.rules.RuleExecutor",
                                            "execution.QueryPlanner", "SparkStrategies", "adaptive.AdaptiveSparkPlanExec",
                                            "execution.QueryExecution", "catalyst.plans.QueryPlan",
                                            "catalyst.trees.TreeNode", "Dataset$.ofRows"]),
    ("job scheduling and task serialization", ["scheduler.DAGScheduler", "scheduler.TaskSchedulerImpl",
                                               "scheduler.TaskSetManager", "util.ClosureCleaner",
                                               "java.io.ObjectOutputStream", "rpc.netty."]),
    ("class loading", ["ClassLoader.loadClass", "ClassLoader.defineClass"]),
    ("file system", ["org.apache.hadoop.fs."]),
]


def category(thread, frames):
    stack = "\n".join(frames)
    executor = thread.startswith("Executor task launch worker")
    if executor and "java.io.ObjectInputStream" in stack:
        return "task deserialization"
    for name, markers in CATEGORIES:
        if name == "task deserialization":
            continue
        if any(m in stack for m in markers):
            return name
    return "task execution (rows)" if executor else "other driver work"


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", argv[1]],
                          check=True, capture_output=True, text=True).stdout
    by_cat = collections.Counter()
    by_side = collections.Counter()
    for sample in text.split("jdk.ExecutionSample")[1:]:
        m = re.search(r'sampledThread = "([^"]*)"', sample)
        thread = m.group(1) if m else "?"
        frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
        side = "executor" if thread.startswith("Executor task launch worker") else "driver"
        c = category(thread, frames)
        by_cat[(side, c)] += 1
        by_side[side] += 1
    total = sum(by_side.values())
    if not total:
        print("no execution samples")
        return 1
    print(f"{total} samples: driver {100 * by_side['driver'] / total:.0f} %, executor {100 * by_side['executor'] / total:.0f} %")
    print(f"{'share':>6}  {'side':8}  category")
    for (side, c), n in sorted(by_cat.items(), key=lambda kv: -kv[1]):
        print(f"{100 * n / total:5.1f} %  {side:8}  {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
