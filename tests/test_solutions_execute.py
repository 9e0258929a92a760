"""Every solutions/ notebook runs top to bottom in a fresh kernel: seeded, offline, no error."""

from __future__ import annotations

import nbformat
import pytest

from autograder.cells import chapters, source_path
from autograder.execute import error_outputs, offline_ipython_dir, run_notebook

CHAPTERS = chapters()


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solution_notebook_runs_top_to_bottom_offline(chapter):
    nb, seconds = run_notebook(source_path(chapter))
    errors = error_outputs(nb)
    assert not errors, f"{chapter}: {errors[0]['ename']}: {errors[0]['evalue']}"
    print(f"{chapter}: {seconds:.1f} s")


def test_the_offline_guard_refuses_the_network(tmp_path):
    """The guard itself works: a notebook that opens a connection fails."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=1)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "online.ipynb"
    nbformat.write(nb, str(path))
    with pytest.raises(Exception, match="run offline"):
        run_notebook(path, ipython_dir=offline_ipython_dir(tmp_path / "ipython"))
