"""Reading the socialcrm lake from a notebook: a local PySpark session with Delta Lake, and its tables by layer.

The lake is $SOCIALCRM_LAKE (default: ../data/lake, where `./socialcrm demo` writes). Delta Lake comes from the
project's own jar ($SOCIALCRM_JAR, default jobs/target/socialcrm-jobs-cluster.jar, built by `mvn package`), so
the notebooks read the tables with the same Delta version that wrote them and fetch nothing.
"""
import json
import os
from pathlib import Path

from pyspark.sql import SparkSession

ROOT = Path(__file__).resolve().parent.parent


def lake() -> str:
    return str(Path(os.environ.get("SOCIALCRM_LAKE", ROOT / "data" / "lake")).resolve())


def spark() -> SparkSession:
    jar = Path(os.environ.get("SOCIALCRM_JAR", ROOT / "jobs" / "target" / "socialcrm-jobs-cluster.jar"))
    if not jar.is_file():
        raise FileNotFoundError(f"{jar} is missing: build it with `mvn -pl jobs package -DskipTests` (or set SOCIALCRM_JAR)")
    if not Path(lake()).is_dir():
        raise FileNotFoundError(f"no lake at {lake()}: run `./socialcrm demo` (or set SOCIALCRM_LAKE)")
    return (SparkSession.builder.appName("socialcrm-notebook")
            .master(os.environ.get("SOCIALCRM_SPARK_MASTER", "local[2]"))
            .config("spark.jars", str(jar))
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", os.environ.get("SOCIALCRM_NOTEBOOK_MEMORY", "2g"))
            .getOrCreate())


def table(session: SparkSession, layer: str, name: str):
    """A lake table, e.g. table(spark, "gold", "funnel_daily")."""
    path = f"{lake()}/{layer}/{name}"
    if not Path(path, "_delta_log").is_dir():
        raise FileNotFoundError(f"{layer}.{name} is not in the lake at {lake()} (has the step that writes it run?)")
    return session.read.format("delta").load(path)


def matching_config() -> dict:
    """The linkage configuration (thresholds, comparisons) from schemas/matching."""
    return json.loads((ROOT / "schemas" / "matching" / "profile_customer.json").read_text())


def no_data(ax, what: str):
    """Marks an empty plot: the lake has no rows for it yet (e.g. a one-day lake has no repeat orders)."""
    ax.text(0.5, 0.5, f"no {what} in this lake yet", ha="center", va="center", transform=ax.transAxes,
            color="#5b6472", fontsize=12)
    ax.set_xticks([]); ax.set_yticks([])
