"""
### socialcrm_nightly

The nightly socialcrm pipeline: one Spark job per step of `SocialCrmCli run` for the day that just ended
(**ingest >> conform >> identity >> marts**), then `SocialCrmCli maintain` (Delta OPTIMIZE and VACUUM with the
CLI's safe retention) behind a `latest_only` task: maintenance runs after the latest scheduled night and after
manual runs, and is skipped on catchup and backfill days (compacting after each of 30 backfilled days would
cost 30 maintenance passes instead of one; the next night's maintenance covers them). The DAG only builds `spark-submit` commands; all the logic is in the application jar.

**Which day a run processes.** The schedule is an explicit `CronDataIntervalTimetable("@daily", UTC)`: the run
for day D has the data interval [D 00:00, D+1 00:00) UTC and starts once D is over. Every step gets
`--date {{ data_interval_start | ds }}`, the first day of that interval, i.e. D. A plain `schedule="@daily"`
is not used on purpose: in Airflow 3 it means a `CronTriggerTimetable` (unless
`[scheduler] create_cron_data_intervals` is set), whose runs have a zero-length interval at the trigger time,
so both `ds` and `data_interval_start` would be D+1, the day that has only just begun.

A run triggered from the UI or `airflow dags trigger` without an interval at time T gets the last complete day
before T as its interval (Airflow infers it), so it processes the day before T's date.
`socialcrm airflow trigger --date D` instead sends logical date D 00:00 UTC with the explicit data interval
[D, D+1): the same logical date and interval as the scheduled run of D, so the scheduler, finding a run for D,
does not make it again, and no other day's run is taken (checked against a real Airflow 3.1 by
`scripts/e2e-airflow.sh`). A date before `start_date` is refused there (Airflow would make a run without
tasks): backfill it instead.

**Backfills.** `catchup=True` runs every missed day from `start_date`, one run at a time
(`max_active_runs=1`), and `airflow backfill create --dag-id socialcrm_nightly --from-date ... --to-date ...`
reruns a range (`socialcrm airflow backfill --from D1 --to D2 [--wait]` from a shell). A rerun of a date is safe: each step writes its tables atomically per date (see the README).
`depends_on_past=True`: a step for D+1 waits until the same step succeeded for D, so a failed night stops the
following ones instead of letting them build on a missing day; clear or fix the failed task to go on.

**Setup** (nothing of it is in this file):

- Spark connection (default id `spark_default`; another id in Variable `socialcrm_spark_conn_id`): host is
  the master (`spark://host:7077`, `yarn`, `k8s://...`, `local[*]`); extras such as `deploy-mode`,
  `spark-binary`, `queue`, `namespace` as the Spark provider documents.
- Variables read when a task runs (a missing one fails the task with its name): `socialcrm_lake`,
  `socialcrm_landing`, `socialcrm_jar` (the application jar, `jobs/target/socialcrm-jobs-cluster.jar` as
  built by `mvn -DskipTests package`, at a path or URL the cluster can read).
- Variables read when the file is parsed (optional, with defaults): `socialcrm_start_date` (the first day
  the scheduler runs, `YYYY-MM-DD`, default 2026-11-01; catchup runs every day from it, and a manual run
  needs a logical date on or after it), `socialcrm_end_date` (the last day the scheduler runs, `YYYY-MM-DD`;
  none by default: a lake being retired, or a test that must not see a scheduled run for a day that begins
  while it runs), `socialcrm_spark_conn_id`,
  `socialcrm_config` (a socialcrm properties file, passed as `--config`), `socialcrm_spark_conf`
  (a JSON object of extra Spark settings, passed as `--conf key=value`, e.g.
  `{"spark.sql.shuffle.partitions": "64"}`), `socialcrm_retries` (tries after the first of a failed task,
  default 2; the end-to-end test sets 0 to fail fast).
- Pool `socialcrm` (`airflow pools set socialcrm 1 "socialcrm Spark jobs"`): the Spark tasks take one slot
  each, so the jobs never run side by side with each other or with anything else put in the pool.

**Assets.** The marts task updates one asset per gold mart (`socialcrm://gold/<mart>`), conform the silver
tables (`socialcrm://silver/<table>`) and identity its link tables, so other DAGs can be scheduled on them,
e.g. `schedule=[Asset("socialcrm://gold/funnel_daily")]`.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.operators.latest_only import LatestOnlyOperator
from airflow.sdk import DAG, Asset, Variable
from airflow.timetables.interval import CronDataIntervalTimetable

log = logging.getLogger(__name__)

DAG_ID = "socialcrm_nightly"
MAIN_CLASS = "io.socialcrm.cli.SocialCrmCli"
POOL = "socialcrm"
ASSET_SCHEME = "socialcrm"

# The steps of `SocialCrmCli run`, in order, and how long each may take before Airflow stops it.
STEP_TIMEOUTS = {
    "ingest": timedelta(hours=1),
    "conform": timedelta(hours=2),
    "identity": timedelta(hours=2),
    "marts": timedelta(hours=2),
}
MAINTENANCE_TIMEOUT = timedelta(hours=3)

# The tables each step writes, as declared in schemas/ (the tests check these lists against schemas/).
SILVER_TABLES = (
    "campaigns", "consent", "customers", "interactions", "leads", "orders", "social_profiles", "spend",
    "steward_decisions", "support_cases",
)
IDENTITY_TABLES = ("identity_links", "identity_review", "identity_models")
GOLD_MARTS = (
    "post_signals", "person_stage", "funnel_daily", "funnel_cohorts", "attribution", "channel_attribution",
    "campaign_roi", "fry", "care", "influencers", "share_of_voice", "care_queue", "alerts",
)

# Rendered when a task runs: the processed day (see the docstring) and the paths, from Variables.
DATE = "{{ data_interval_start | ds }}"
LAKE = "{{ var.value.socialcrm_lake }}"
LANDING = "{{ var.value.socialcrm_landing }}"
JAR = "{{ var.value.socialcrm_jar }}"


def table_asset(layer: str, table: str) -> Asset:
    """The asset of one lake table, e.g. socialcrm://gold/funnel_daily."""
    return Asset(f"{ASSET_SCHEME}://{layer}/{table}")


def log_failure(context) -> None:
    """on_failure_callback: one log line naming the DAG, the task, the processed day and the try."""
    ti = context.get("ti") or context.get("task_instance")
    start = context.get("data_interval_start")
    day = start.strftime("%Y-%m-%d") if start is not None else context.get("ds")
    log.error(
        "socialcrm task failed: dag=%s task=%s date=%s try=%s",
        getattr(ti, "dag_id", None),
        getattr(ti, "task_id", None),
        day,
        getattr(ti, "try_number", None),
    )


def _spark_conf() -> dict[str, str]:
    conf = Variable.get("socialcrm_spark_conf", default={}, deserialize_json=True)
    if not isinstance(conf, dict):
        raise ValueError(f"Variable socialcrm_spark_conf must be a JSON object, got {type(conf).__name__}")
    return {str(k): str(v) for k, v in conf.items()}


# Read at parse time (with defaults, so the file imports with no Variables): they decide the shape of the
# command (which connection, whether there is a --config), not just a value in it.
SPARK_CONN_ID = Variable.get("socialcrm_spark_conn_id", default="spark_default")
CONFIG_FILE = Variable.get("socialcrm_config", default="")
SPARK_CONF = _spark_conf()
DEFAULT_START_DATE = "2026-11-01"


def _day(variable: str, default: str | None) -> pendulum.DateTime | None:
    text = Variable.get(variable, default=default)
    if text is None or not str(text).strip():
        return None
    try:
        return pendulum.from_format(str(text).strip(), "YYYY-MM-DD", tz="UTC")
    except ValueError:
        raise ValueError(f"Variable {variable} must be a date YYYY-MM-DD, got {text!r}") from None


START_DATE = _day("socialcrm_start_date", DEFAULT_START_DATE)
END_DATE = _day("socialcrm_end_date", None)
if END_DATE is not None and END_DATE < START_DATE:
    raise ValueError(f"Variable socialcrm_end_date ({END_DATE:%Y-%m-%d}) is before socialcrm_start_date "
                     f"({START_DATE:%Y-%m-%d})")


def _retries() -> int:
    text = Variable.get("socialcrm_retries", default="2")
    try:
        retries = int(str(text).strip())
    except ValueError:
        retries = -1
    if retries < 0:
        raise ValueError(f"Variable socialcrm_retries must be a whole number >= 0, got {text!r}")
    return retries


RETRIES = _retries()


def run_args(step: str) -> list[str]:
    """The CLI arguments of one step of the run for the processed day."""
    args = ["run", "--date", DATE, "--steps", step, "--lake", LAKE, "--landing", LANDING]
    if CONFIG_FILE:
        args += ["--config", CONFIG_FILE]
    return args


def maintenance_args() -> list[str]:
    """OPTIMIZE and VACUUM of every lake table; the CLI keeps its safe default retention (168 hours)."""
    return ["maintain", "--lake", LAKE]


def spark_task(task_id: str, application_args: list[str], timeout: timedelta, outlets=()) -> SparkSubmitOperator:
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN_ID,
        application=JAR,
        java_class=MAIN_CLASS,
        application_args=application_args,
        conf=dict(SPARK_CONF),
        name=f"socialcrm-{task_id}-{DATE}",
        execution_timeout=timeout,
        outlets=list(outlets),
    )


default_args = {
    "owner": "socialcrm",
    "depends_on_past": True,
    "retries": RETRIES,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "on_failure_callback": log_failure,
    "pool": POOL,
    "pool_slots": 1,
}

with DAG(
    dag_id=DAG_ID,
    description="Nightly socialcrm lakehouse run: ingest, conform, identity, marts, then Delta maintenance",
    doc_md=__doc__,
    schedule=CronDataIntervalTimetable("@daily", timezone="UTC"),
    start_date=START_DATE,
    end_date=END_DATE,
    catchup=True,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=12),
    default_args=default_args,
    tags=["socialcrm", "spark", "lakehouse"],
) as dag:
    ingest = spark_task("ingest", run_args("ingest"), STEP_TIMEOUTS["ingest"])
    conform = spark_task(
        "conform", run_args("conform"), STEP_TIMEOUTS["conform"],
        outlets=[table_asset("silver", t) for t in SILVER_TABLES],
    )
    identity = spark_task(
        "identity", run_args("identity"), STEP_TIMEOUTS["identity"],
        outlets=[table_asset("silver", t) for t in IDENTITY_TABLES],
    )
    marts = spark_task(
        "marts", run_args("marts"), STEP_TIMEOUTS["marts"],
        outlets=[table_asset("gold", t) for t in GOLD_MARTS],
    )
    latest_only = LatestOnlyOperator(task_id="latest_only", execution_timeout=timedelta(minutes=5))
    maintenance = spark_task("maintenance", maintenance_args(), MAINTENANCE_TIMEOUT)

    ingest >> conform >> identity >> marts >> latest_only >> maintenance
