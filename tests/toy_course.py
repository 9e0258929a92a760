"""A tiny course (one chapter, two graded functions, no demos) for the autograder's tests.

Real chapters take tens of seconds a notebook; this one takes about a second, so the hostile
corpus can be large. It is built with nbgrader like the real course.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat import v4

from autograder.build import nbgrader_env
from autograder.cells import REPO, is_answer_cell, nbgrader_meta

CHAPTER = "99_toy"


def _meta(**fields) -> dict:
    return {"nbgrader": {"schema_version": 3, **fields}}


def _answer(name: str, body: str):
    return v4.new_code_cell(body, metadata=_meta(solution=True, grade=False, locked=False, grade_id=name))


def _test(grade_id: str, body: str, points: int):
    return v4.new_code_cell(body, metadata=_meta(solution=False, grade=True, locked=True, points=points, grade_id=grade_id))


def source_notebook() -> nbformat.NotebookNode:
    nb = v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        v4.new_markdown_cell("# A toy chapter"),
        v4.new_code_cell("import numpy as np\nfrom gradschool import checks"),
        _answer("double", 'def double(x):\n    """2 * x as float64."""\n    ### BEGIN SOLUTION\n    return 2 * np.asarray(x, dtype=float)\n    ### END SOLUTION'),
        _test("test_double", 'checks.check_close("double/visible/two", double(2.0), expected=4.0)', 1),
        _test(
            "test_double_hidden",
            "# hidden tests run when graded\n### BEGIN HIDDEN TESTS\n_rng = np.random.default_rng(7)\n_x = _rng.normal(size=(3, 4))\n"
            "_want = _x + _x\nchecks.check_close(\"double/hidden/random\", double(_x), expected=_want)\n### END HIDDEN TESTS",
            2,
        ),
        _answer("norm", 'def norm(v):\n    """Euclidean length of v, a float."""\n    ### BEGIN SOLUTION\n    return float(np.sqrt(np.sum(np.square(v))))\n    ### END SOLUTION'),
        _test("test_norm", 'checks.check_close("norm/visible/345", norm([3.0, 4.0]), expected=5.0)', 1),
        _test(
            "test_norm_hidden",
            "### BEGIN HIDDEN TESTS\nimport math\n_v = np.random.default_rng(3).normal(size=7)\n"
            'checks.check_close("norm/hidden/random", norm(_v), expected=math.sqrt(sum(t * t for t in _v)))\n### END HIDDEN TESTS',
            2,
        ),
        v4.new_code_cell("print(double(3), norm([1.0, 1.0]))"),
    ]
    return nb


def build(root: Path) -> Path:
    """Write the toy course's source notebook into ``root`` and let nbgrader release it."""
    (root / "solutions" / CHAPTER).mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", root)
    nbformat.write(source_notebook(), str(root / "solutions" / CHAPTER / f"{CHAPTER}.ipynb"))
    command = [sys.executable, "-m", "nbgrader", "generate_assignment", CHAPTER, "--force"]
    subprocess.run(command, cwd=root, env=nbgrader_env(), check=True, capture_output=True)
    return root


def honest_submission(root: Path) -> nbformat.NotebookNode:
    """The released notebook with the solution's answers typed in, as a good student hands it in."""
    release = nbformat.read(str(root / "course" / CHAPTER / f"{CHAPTER}.ipynb"), as_version=4)
    source = nbformat.read(str(root / "solutions" / CHAPTER / f"{CHAPTER}.ipynb"), as_version=4)
    answers = {nbgrader_meta(c)["grade_id"]: c["source"] for c in source.cells if is_answer_cell(c)}
    for cell in release.cells:
        if is_answer_cell(cell):
            cell["source"] = answers[nbgrader_meta(cell)["grade_id"]]
    return release
