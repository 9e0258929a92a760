"""``--dask ADDRESS`` runs the same jobs on a Dask cluster and gives the same results."""

from __future__ import annotations

import copy
import subprocess
import sys

import nbformat
import pytest

from autograder.cells import nbgrader_meta
from tests.toy_course import CHAPTER, build, honest_submission

distributed = pytest.importorskip("dask.distributed")


def write_class(root, folder):
    honest = honest_submission(root)
    wrong = copy.deepcopy(honest)
    for cell in wrong.cells:
        if nbgrader_meta(cell).get("grade_id") == "norm" and nbgrader_meta(cell).get("solution"):
            cell["source"] = "def norm(v):\n    return float(np.sum(np.abs(v)))"
    for student, nb in {"ann": honest, "ben": wrong}.items():
        (folder / student / CHAPTER).mkdir(parents=True)
        nbformat.write(nb, str(folder / student / CHAPTER / f"{CHAPTER}.ipynb"))
    blank = nbformat.read(str(root / "course" / CHAPTER / f"{CHAPTER}.ipynb"), as_version=4)
    (folder / "cid" / CHAPTER).mkdir(parents=True)
    nbformat.write(blank, str(folder / "cid" / CHAPTER / f"{CHAPTER}.ipynb"))


def test_dask_cluster_gives_the_same_results_as_the_local_pool(tmp_path, monkeypatch):
    root = build(tmp_path / "course")
    write_class(root, tmp_path / "class")
    monkeypatch.setenv("GRADSCHOOL_COURSE_ROOT", str(root))
    base = [sys.executable, "-m", "autograder", "grade", str(tmp_path / "class"), "--workers", "2", "--timeout", "30"]
    local = subprocess.run([*base, "--out", str(tmp_path / "local")], capture_output=True, text=True, timeout=600)
    assert local.returncode == 0, local.stderr[-2000:]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = subprocess.run([*base, "--out", str(tmp_path / "dask"), "--dask", cluster.scheduler_address], capture_output=True, text=True, timeout=600)
    assert remote.returncode == 0, remote.stderr[-2000:]
    local_rows = (tmp_path / "local" / "results.csv").read_text()
    assert (tmp_path / "dask" / "results.csv").read_text() == local_rows
    assert "ben,99_toy,test_norm_hidden,0,2,failed" in local_rows and "ann,99_toy,test_norm_hidden,2,2,passed" in local_rows
