"""Superset's way into the SQL endpoint, end to end: `./socialcrm serve-sql` on the lake in $SOCIALCRM_LAKE with a
login, and PyHive's SQLAlchemy dialect (what Superset's "Apache Spark SQL" database uses) with the README's URI
`hive://USER:PASSWORD@HOST:PORT/gold?auth=CUSTOM`. It lists the gold tables by name, reflects their columns, and
answers what the Delta tables hold; a write and a wrong password are refused."""
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")  # PyHive 0.7 is a SQLAlchemy 1.x dialect, as Superset's
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import socialcrm_lake  # noqa: E402

USER = "bi"
PASSWORD = secrets.token_hex(8)
START_TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    lake = os.environ.get("SOCIALCRM_LAKE")
    assert lake, "set SOCIALCRM_LAKE to the demo lake (scripts/notebooks.sh does)"
    port = free_port()
    log = tmp_path_factory.mktemp("serve-sql") / "serve-sql.log"
    env = dict(os.environ, SOCIALCRM_SQL_USER=USER, SOCIALCRM_SQL_PASSWORD=PASSWORD)
    with open(log, "w") as out:
        proc = subprocess.Popen([str(ROOT / "socialcrm"), "serve-sql", "--lake", lake, "--port", str(port)],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while "\nready" not in log.read_text():
            assert proc.poll() is None, f"serve-sql ended with {proc.returncode}:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"serve-sql not ready in {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}"
            time.sleep(1)
        yield {"lake": Path(lake), "port": port, "log": log}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def engine(endpoint, password=PASSWORD):
    return create_engine(f"hive://{USER}:{password}@127.0.0.1:{endpoint['port']}/gold?auth=CUSTOM")


@pytest.fixture(scope="module")
def spark():
    session = socialcrm_lake.spark()
    yield session
    session.stop()


def gold_tables(lake: Path) -> set:
    return {p.name for p in (lake / "gold").iterdir()
            if (p / "_delta_log").is_dir() and not p.name.startswith("_")}


def test_superset_lists_the_gold_tables_by_their_names(endpoint):
    names = inspect(engine(endpoint)).get_table_names(schema="gold")
    assert len(names) == len(set(names)), names
    assert set(names) == gold_tables(endpoint["lake"])
    assert {"funnel_daily", "campaign_roi"} <= set(names)
    assert "bronze" in inspect(engine(endpoint)).get_schema_names()


def test_superset_reflects_the_columns_of_the_delta_table(endpoint, spark):
    columns = inspect(engine(endpoint)).get_columns("campaign_roi", schema="gold")
    delta = spark.read.format("delta").load(str(endpoint["lake"] / "gold" / "campaign_roi"))
    assert [c["name"] for c in columns] == delta.columns
    assert "NullType" not in {type(c["type"]).__name__ for c in columns}, columns


def test_a_dashboard_query_answers_what_the_delta_table_holds(endpoint, spark):
    with engine(endpoint).connect() as c:
        served = c.execute(text("SELECT stage, sum(people_reached) AS n FROM funnel_daily "
                                "WHERE is_own_brand GROUP BY stage")).fetchall()
    delta = (spark.read.format("delta").load(str(endpoint["lake"] / "gold" / "funnel_daily"))
             .where("is_own_brand").groupBy("stage").sum("people_reached").collect())
    assert served, "the demo lake's funnel is not empty"
    assert sorted((s, int(n)) for s, n in served) == sorted((r[0], int(r[1])) for r in delta)


def test_a_write_is_refused_and_the_table_stays(endpoint):
    with engine(endpoint).connect() as c:
        with pytest.raises(DBAPIError, match="read-only"):
            c.execute(text("DROP TABLE gold.funnel_daily"))
    assert (endpoint["lake"] / "gold" / "funnel_daily" / "_delta_log").is_dir()
    assert "funnel_daily" in inspect(engine(endpoint)).get_table_names(schema="gold")


def test_a_wrong_password_is_refused(endpoint):
    with pytest.raises(Exception, match="Error validating the login"):
        with engine(endpoint, password="not-" + PASSWORD).connect() as c:
            c.execute(text("SELECT 1"))
    assert PASSWORD not in endpoint["log"].read_text(), "the password is never logged"
