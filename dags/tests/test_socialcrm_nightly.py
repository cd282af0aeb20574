"""Tests of dags/socialcrm_nightly.py: it imports, its graph, schedule and task settings, the assets, and the
spark-submit commands it renders for a given day."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pendulum
import pytest
from conftest import DAG_ID, DAGS_DIR, REPO_ROOT, render, runtime_ti, scheduled_run

STEPS = ["ingest", "conform", "identity", "marts"]
TASKS = [*STEPS, "latest_only", "maintenance"]
SPARK_TASKS = [*STEPS, "maintenance"]
MAIN_CLASS = "io.socialcrm.cli.SocialCrmCli"
PATHS = {
    "socialcrm_lake": "s3a://bucket/lake",
    "socialcrm_landing": "s3a://bucket/landing",
    "socialcrm_jar": "/opt/socialcrm/socialcrm-jobs-cluster.jar",
}
DAY = pendulum.datetime(2026, 11, 14, tz="UTC")

# Airflow 3 turns a cron schedule string into a CronTriggerTimetable unless this setting is true; the DAG
# must process the same day either way.
cron_setting = pytest.mark.parametrize("create_cron_data_intervals", ["False", "True"], indirect=True)


@pytest.fixture
def create_cron_data_intervals(monkeypatch, request):
    value = getattr(request, "param", "False")
    monkeypatch.setenv("AIRFLOW__SCHEDULER__CREATE_CRON_DATA_INTERVALS", value)
    return value


def declared_tables(layer: str) -> list[str]:
    """The tables schemas/<layer>/*.json declare, without the internal ones (names starting with _)."""
    names = [json.loads(p.read_text())["name"] for p in sorted((REPO_ROOT / "schemas" / layer).glob("*.json"))]
    return [n for n in names if not n.startswith("_")]


def outlet_uris(task) -> list[str]:
    return [asset.uri for asset in task.outlets]


# --- import -------------------------------------------------------------------------------------------------


def test_dagbag_imports_with_no_variables_set(load_dagbag):
    bag = load_dagbag()
    assert bag.import_errors == {}
    assert list(bag.dags) == [DAG_ID]
    # .airflowignore keeps the tests out of the DAG folder's parse.
    assert [stat.file for stat in bag.dagbag_stats] == [str(DAGS_DIR / "socialcrm_nightly.py")]


def test_a_spark_conf_variable_that_is_not_a_json_object_is_an_import_error(load_dagbag):
    bag = load_dagbag(socialcrm_spark_conf='["spark.sql.shuffle.partitions=64"]')
    assert DAG_ID not in bag.dags
    (error,) = bag.import_errors.values()
    assert "socialcrm_spark_conf must be a JSON object" in error


# --- graph, schedule, task settings ----------------------------------------------------------------------------


def test_the_graph_is_the_chain_of_steps_then_maintenance(load_dag):
    dag = load_dag()
    assert set(dag.task_ids) == set(TASKS)
    for i, task_id in enumerate(TASKS):
        task = dag.get_task(task_id)
        assert task.upstream_task_ids == set(TASKS[i - 1 : i] if i else [])
        assert task.downstream_task_ids == set(TASKS[i + 1 : i + 2])


@cron_setting
def test_schedule_is_daily_data_intervals_with_catchup_one_run_at_a_time(create_cron_data_intervals, load_dag):
    from airflow.timetables.interval import CronDataIntervalTimetable

    dag = load_dag()
    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.timetable.summary == "0 0 * * *"
    assert dag.start_date == pendulum.datetime(2026, 11, 1, tz="UTC")
    assert dag.catchup is True
    assert dag.max_active_runs == 1
    assert dag.dagrun_timeout == timedelta(hours=12)
    assert {"socialcrm", "spark"} <= set(dag.tags)


def test_the_start_date_variable_moves_the_first_scheduled_day_and_the_tasks_start(load_dag):
    dag = load_dag(socialcrm_start_date="2026-12-02")
    assert dag.start_date == pendulum.datetime(2026, 12, 2, tz="UTC")
    assert {t.start_date for t in dag.tasks} == {pendulum.datetime(2026, 12, 2, tz="UTC")}
    assert dag.catchup is True


def test_a_start_date_variable_that_is_not_a_date_is_an_import_error(load_dagbag):
    bag = load_dagbag(socialcrm_start_date="1 Nov 2026")
    assert len(bag.import_errors) == 1
    assert "socialcrm_start_date must be a date YYYY-MM-DD" in next(iter(bag.import_errors.values()))


def test_the_end_date_variable_is_the_last_day_the_scheduler_runs(load_dag, load_dagbag):
    from airflow.serialization.serialized_objects import SerializedDAG
    from airflow.timetables.base import DataInterval

    assert load_dag().end_date is None
    dag = load_dag(socialcrm_start_date="2026-12-01", socialcrm_end_date="2026-12-03")
    assert dag.end_date == pendulum.datetime(2026, 12, 3, tz="UTC")
    restored = SerializedDAG.from_dict(SerializedDAG.to_dict(dag))  # what the scheduler asks

    def after(day):
        return restored.next_dagrun_info(DataInterval(start=day.subtract(days=1), end=day))

    last = after(pendulum.datetime(2026, 12, 3, tz="UTC"))
    assert last is not None and last.data_interval.start == pendulum.datetime(2026, 12, 3, tz="UTC")
    assert after(pendulum.datetime(2026, 12, 4, tz="UTC")) is None

    bag = load_dagbag(socialcrm_start_date="2026-12-01", socialcrm_end_date="2026-11-30")
    assert "socialcrm_end_date (2026-11-30) is before socialcrm_start_date (2026-12-01)" in next(
        iter(bag.import_errors.values()))
    bag = load_dagbag(socialcrm_start_date="2026-12-01", socialcrm_end_date="soon")
    assert "socialcrm_end_date must be a date YYYY-MM-DD" in next(iter(bag.import_errors.values()))


@cron_setting
def test_the_run_for_a_day_starts_after_the_day_and_covers_exactly_it(create_cron_data_intervals, load_dag):
    dag = load_dag()
    info = scheduled_run(dag, DAY)
    assert (info.data_interval.start, info.data_interval.end) == (DAY, DAY.add(days=1))
    assert info.run_after == DAY.add(days=1)


def test_every_task_is_a_spark_submit_of_the_cli_with_retries_backoff_pool_timeout_and_callback(load_dag):
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    dag = load_dag()
    for task_id in SPARK_TASKS:
        task = dag.get_task(task_id)
        assert isinstance(task, SparkSubmitOperator), task_id
        assert task._java_class == MAIN_CLASS
        assert task.retries == 2
        assert task.retry_delay == timedelta(minutes=5)
        assert task.retry_exponential_backoff is True
        assert task.max_retry_delay == timedelta(hours=1)
        assert task.pool == "socialcrm"
        assert task.pool_slots == 1
        assert task.depends_on_past is True
        assert timedelta(0) < task.execution_timeout <= timedelta(hours=3), task_id
        callbacks = task.on_failure_callback
        assert [cb.__name__ for cb in callbacks] == ["log_failure"], task_id


def test_the_retries_variable_sets_every_tasks_retries_and_a_bad_one_is_an_import_error(load_dag, load_dagbag):
    dag = load_dag(socialcrm_retries="0")
    assert {t.retries for t in dag.tasks} == {0}
    bag = load_dagbag(socialcrm_retries="-1")
    (error,) = bag.import_errors.values()
    assert "socialcrm_retries must be a whole number >= 0" in error


def _latest_only_choice(dag, day, run_type):
    """What latest_only lets through for the run of `day` of this type, as judged now."""
    from types import SimpleNamespace

    run = SimpleNamespace(
        run_type=run_type, logical_date=day, run_after=day.add(days=1),
        data_interval_start=day, data_interval_end=day.add(days=1),
    )
    return dag.get_task("latest_only").choose_branch({"dag_run": run})


def test_maintenance_runs_after_the_latest_night_and_manual_runs_and_is_skipped_on_catchup_and_backfill_days(
    load_dag,
):
    from airflow.utils.types import DagRunType

    dag = load_dag()
    yesterday = pendulum.now("UTC").start_of("day").subtract(days=1)
    old = yesterday.subtract(days=10)
    assert _latest_only_choice(dag, yesterday, DagRunType.SCHEDULED) == ["maintenance"]
    assert _latest_only_choice(dag, old, DagRunType.SCHEDULED) == []
    assert _latest_only_choice(dag, old, DagRunType.BACKFILL_JOB) == []
    assert _latest_only_choice(dag, old, DagRunType.MANUAL) == ["maintenance"]
    latest_only = dag.get_task("latest_only")
    assert latest_only.downstream_task_ids == {"maintenance"}
    assert latest_only.depends_on_past is True  # skipped counts as done for the next night's depends_on_past


# --- assets ---------------------------------------------------------------------------------------------------


def test_marts_updates_one_asset_per_gold_mart_declared_in_schemas(load_dag):
    expected = [f"socialcrm://gold/{name}" for name in declared_tables("gold")]
    assert len(expected) == 13  # guards the derivation itself: schemas/gold holds 13 marts today
    uris = outlet_uris(load_dag().get_task("marts"))
    assert len(uris) == len(set(uris))
    assert sorted(uris) == sorted(expected)


def test_conform_updates_the_silver_tables_and_identity_its_link_tables(load_dag):
    dag = load_dag()
    assert sorted(outlet_uris(dag.get_task("conform"))) == sorted(
        f"socialcrm://silver/{name}" for name in declared_tables("silver")
    )
    assert "socialcrm://silver/identity_links" in outlet_uris(dag.get_task("identity"))
    assert outlet_uris(dag.get_task("ingest")) == []
    assert outlet_uris(dag.get_task("maintenance")) == []


def test_the_dag_survives_serialization_as_the_scheduler_sees_it(load_dag):
    from airflow.serialization.serialized_objects import SerializedDAG

    dag = load_dag()
    restored = SerializedDAG.from_dict(SerializedDAG.to_dict(dag))
    assert set(restored.task_ids) == set(TASKS)
    assert restored.timetable.summary == "0 0 * * *"
    assert sorted(outlet_uris(restored.get_task("marts"))) == sorted(outlet_uris(dag.get_task("marts")))
    assert restored.get_task("ingest").downstream_task_ids == {"conform"}


# --- rendered commands ----------------------------------------------------------------------------------------


@cron_setting
@pytest.mark.parametrize("step", STEPS)
def test_each_step_renders_run_for_the_processed_day_with_the_variables_paths(
    create_cron_data_intervals, load_dag, step
):
    dag = load_dag(**PATHS)
    task = render(dag.get_task(step), scheduled_run(dag, DAY))
    assert task.application_args == [
        "run", "--date", "2026-11-14", "--steps", step,
        "--lake", PATHS["socialcrm_lake"], "--landing", PATHS["socialcrm_landing"],
    ]
    assert task.application == PATHS["socialcrm_jar"]
    assert task.name == f"socialcrm-{step}-2026-11-14"


@cron_setting
def test_the_first_catchup_run_processes_the_start_date(create_cron_data_intervals, load_dag):
    from airflow.timetables.base import TimeRestriction

    dag = load_dag(**PATHS)
    first = dag.timetable.next_dagrun_info(
        last_automated_data_interval=None,
        restriction=TimeRestriction(earliest=dag.start_date, latest=None, catchup=True),
    )
    task = render(dag.get_task("ingest"), first)
    assert task.application_args[:3] == ["run", "--date", "2026-11-01"]
    assert first.run_after == pendulum.datetime(2026, 11, 2, tz="UTC")


@cron_setting
def test_a_manual_run_processes_the_last_complete_day_before_its_logical_date(create_cron_data_intervals, load_dag):
    from types import SimpleNamespace

    dag = load_dag(**PATHS)
    triggered = DAY.add(days=1, hours=9)  # by hand on 2026-11-15 at 09:00
    # What Airflow does for a manual run: the logical date is the trigger time, the interval is inferred.
    run = SimpleNamespace(
        logical_date=triggered,
        run_after=triggered,
        data_interval=dag.timetable.infer_manual_data_interval(run_after=triggered),
    )
    task = render(dag.get_task("conform"), run)
    assert task.application_args[:3] == ["run", "--date", "2026-11-14"]


def test_maintenance_renders_maintain_on_the_lake_with_the_clis_default_retention(load_dag):
    dag = load_dag(**PATHS)
    task = render(dag.get_task("maintenance"), scheduled_run(dag, DAY))
    assert task.application_args == ["maintain", "--lake", PATHS["socialcrm_lake"]]


def test_a_missing_path_variable_fails_the_task_naming_it(load_dag):
    dag = load_dag(socialcrm_landing="/landing", socialcrm_jar="/app.jar")  # no socialcrm_lake
    with pytest.raises(Exception, match="socialcrm_lake"):
        render(dag.get_task("ingest"), scheduled_run(dag, DAY))


def test_without_the_optional_variables_there_is_no_config_no_extra_conf_and_the_default_connection(load_dag):
    dag = load_dag(**PATHS)
    for task_id in SPARK_TASKS:
        task = dag.get_task(task_id)
        assert "--config" not in task.application_args
        assert task.conf == {}
        assert task._conn_id == "spark_default"


def test_the_optional_variables_give_config_conf_and_connection(load_dag):
    dag = load_dag(
        **PATHS,
        socialcrm_config="/etc/socialcrm/socialcrm.properties",
        socialcrm_spark_conf='{"spark.sql.shuffle.partitions": 64, "spark.executor.memory": "8g"}',
        socialcrm_spark_conn_id="spark_prod",
    )
    ingest = render(dag.get_task("ingest"), scheduled_run(dag, DAY))
    assert ingest.application_args[-2:] == ["--config", "/etc/socialcrm/socialcrm.properties"]
    assert "--config" not in dag.get_task("maintenance").application_args
    for task_id in SPARK_TASKS:
        task = dag.get_task(task_id)
        assert task.conf == {"spark.sql.shuffle.partitions": "64", "spark.executor.memory": "8g"}
        assert task._conn_id == "spark_prod"


def test_the_spark_submit_command_takes_the_master_from_the_connection(load_dag, monkeypatch):
    monkeypatch.setenv(
        "AIRFLOW_CONN_SPARK_PROD",
        json.dumps({"conn_type": "spark", "host": "spark://spark-master", "port": 7077}),
    )
    dag = load_dag(
        **PATHS,
        socialcrm_spark_conf='{"spark.sql.shuffle.partitions": "64"}',
        socialcrm_spark_conn_id="spark_prod",
    )
    task = render(dag.get_task("marts"), scheduled_run(dag, DAY))
    # The hook the operator submits with, and the command line it would run (no process is started).
    command = task._get_hook()._build_spark_submit_command(task.application)
    pairs = list(zip(command, command[1:]))
    assert ("--master", "spark://spark-master:7077") in pairs
    assert ("--class", MAIN_CLASS) in pairs
    assert ("--conf", "spark.sql.shuffle.partitions=64") in pairs
    assert ("--name", "socialcrm-marts-2026-11-14") in pairs
    jar_at = command.index(PATHS["socialcrm_jar"])
    assert command[jar_at + 1 :] == [
        "run", "--date", "2026-11-14", "--steps", "marts",
        "--lake", PATHS["socialcrm_lake"], "--landing", PATHS["socialcrm_landing"],
    ]


# --- failure callback -----------------------------------------------------------------------------------------


def test_the_failure_callback_logs_one_line_naming_dag_task_day_and_try(load_dag, caplog):
    dag = load_dag(**PATHS)
    task = dag.get_task("identity")
    ti = runtime_ti(task, scheduled_run(dag, DAY), try_number=3)
    context = ti.get_template_context()  # the context Airflow hands to the callback
    (callback,) = task.on_failure_callback
    with caplog.at_level(logging.INFO):
        callback(context)
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("socialcrm_nightly")]
    assert lines == ["socialcrm task failed: dag=socialcrm_nightly task=identity date=2026-11-14 try=3"]
    assert caplog.records[-1].levelno == logging.ERROR
