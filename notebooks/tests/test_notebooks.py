"""Executes every notebook headless (nbclient, a fresh Python kernel each) against the lake in $SOCIALCRM_LAKE and
fails on any cell's error; each notebook must draw its plots. Executed copies go to $SOCIALCRM_NOTEBOOK_OUT
(default target/notebooks), never back into notebooks/."""
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(HERE.glob("*.ipynb"))
OUT = Path(os.environ.get("SOCIALCRM_NOTEBOOK_OUT", HERE.parent / "target" / "notebooks"))
# Plots each notebook draws at least (a figure per plotting cell).
MIN_PLOTS = {"funnel": 2, "roi": 4, "identity_quality": 2}


def test_the_notebooks_are_the_three_of_the_readme():
    assert sorted(p.stem for p in NOTEBOOKS) == sorted(MIN_PLOTS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_runs_without_error_and_draws_its_plots(path):
    assert os.environ.get("SOCIALCRM_LAKE"), "set SOCIALCRM_LAKE to the demo lake (scripts/notebooks.sh does)"
    nb = nbformat.read(path, as_version=4)
    committed = [c for c in nb.cells if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not committed, f"{path.name} is committed with outputs: clear them before committing"

    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(HERE)}}).execute()

    OUT.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, OUT / path.name)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    plots = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
             if o.output_type in ("display_data", "execute_result") and "image/png" in o.get("data", {})]
    assert len(plots) >= MIN_PLOTS[path.stem], f"{path.name} drew {len(plots)} plot(s)"
