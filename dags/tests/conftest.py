"""Test setup for the DAGs: a throw-away AIRFLOW_HOME, no examples, and none of the machine's Variables.

[core] unit_test_mode is deliberately left off: it loads Airflow's unit_tests.cfg, which among other things
sets [scheduler] create_cron_data_intervals = true, the opposite of Airflow 3's default, and so would hide
what a plain schedule="@daily" does in production (see the DAG's docstring).

The tests need no Airflow database: Variables and connections come from AIRFLOW_VAR_* / AIRFLOW_CONN_*
environment variables (Airflow's environment-variables secrets backend, which the Task SDK reads outside a
worker), the DAG is loaded with a DagBag and the templates are rendered the way a worker does, through a
RuntimeTaskInstance and its template context.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

# Before anything imports airflow: Airflow reads its configuration once, at import.
_AIRFLOW_HOME = tempfile.mkdtemp(prefix="socialcrm-airflow-home-")
os.environ["AIRFLOW_HOME"] = _AIRFLOW_HOME
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.pop("AIRFLOW__CORE__UNIT_TEST_MODE", None)
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{_AIRFLOW_HOME}/airflow.db"
for _key in [k for k in os.environ if k.startswith(("AIRFLOW_VAR_", "AIRFLOW_CONN_", "AIRFLOW__SCHEDULER__"))]:
    del os.environ[_key]

import pytest  # noqa: E402

DAGS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = DAGS_DIR.parent
DAG_ID = "socialcrm_nightly"


def pytest_unconfigure(config):
    shutil.rmtree(_AIRFLOW_HOME, ignore_errors=True)


@pytest.fixture
def load_dagbag(monkeypatch):
    """Parses dags/ afresh with the given Variables set (as AIRFLOW_VAR_<KEY> environment variables)."""

    def load(**variables: str):
        from airflow.models.dagbag import DagBag

        for key, value in variables.items():
            monkeypatch.setenv(f"AIRFLOW_VAR_{key.upper()}", value)
        return DagBag(dag_folder=str(DAGS_DIR), include_examples=False)

    return load


@pytest.fixture
def load_dag(load_dagbag):
    def load(**variables: str):
        bag = load_dagbag(**variables)
        assert bag.import_errors == {}
        return bag.dags[DAG_ID]

    return load


def scheduled_run(dag, day):
    """The DagRunInfo the DAG's timetable gives for the scheduled run after the one covering the day before."""
    from airflow.timetables.base import DataInterval, TimeRestriction

    previous = DataInterval(start=day.subtract(days=1), end=day)
    return dag.timetable.next_dagrun_info(
        last_automated_data_interval=previous,
        restriction=TimeRestriction(earliest=dag.start_date, latest=None, catchup=True),
    )


def runtime_ti(task, info, try_number=1):
    """A RuntimeTaskInstance of the task in the scheduled run `info`, as a worker builds it."""
    from airflow.sdk.api.datamodels._generated import DagRun, DagRunState, DagRunType, TIRunContext
    from airflow.sdk.execution_time.task_runner import RuntimeTaskInstance

    run = DagRun(
        dag_id=task.dag_id,
        run_id=f"scheduled__{info.logical_date.isoformat()}",
        logical_date=info.logical_date,
        data_interval_start=info.data_interval.start,
        data_interval_end=info.data_interval.end,
        run_after=info.run_after,
        start_date=info.run_after,
        run_type=DagRunType.SCHEDULED,
        state=DagRunState.RUNNING,
        consumed_asset_events=[],
    )
    return RuntimeTaskInstance.model_construct(
        id=uuid.uuid4(),
        task_id=task.task_id,
        dag_id=task.dag_id,
        run_id=run.run_id,
        try_number=try_number,
        map_index=-1,
        task=task,
        max_tries=task.retries,
        start_date=info.run_after,
        _ti_context_from_server=TIRunContext(dag_run=run, max_tries=task.retries),
    )


def render(task, info):
    """Renders the task's templated fields in place for the run `info` and returns the task."""
    runtime_ti(task, info).render_templates()
    return task
