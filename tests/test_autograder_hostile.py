"""The autograder against a class of hostile submissions (issue: grade safely, judge outside).

One class, graded once by ``python -m autograder grade`` with two workers: honest students,
a wrong one, and one student per attack. For each: grading completes, every student has a row
per test cell, honest students' grades are full and untouched, and each attacker gets a clear
status and message and no point it did not earn honestly.
"""

from __future__ import annotations

import csv
import copy
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.cells import nbgrader_meta
from tests.toy_course import CHAPTER, build, honest_submission

CELLS = ["test_double", "test_double_hidden", "test_norm", "test_norm_hidden"]
FULL = {"test_double": 1, "test_double_hidden": 2, "test_norm": 1, "test_norm_hidden": 2}


def with_answer(nb, name: str, source: str):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade_id") == name and nbgrader_meta(cell).get("solution"):
            cell["source"] = source
    return nb


def with_extra_cell(nb, source: str, at: int = 2):
    """A cell of the student's own, inserted before the first answer cell by default."""
    nb = copy.deepcopy(nb)
    nb.cells.insert(at, nbformat.v4.new_code_cell(source))
    return nb


def edit_cell(nb, grade_id: str, change):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade_id") == grade_id:
            change(cell)
    return nb


WRONG_DOUBLE = "def double(x):\n    return 3 * np.asarray(x, dtype=float)"
MONKEYPATCH = """
import numpy as np
from gradschool import checks
np.allclose = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
for _name in dir(checks):
    if _name.startswith('check_'):
        setattr(checks, _name, lambda *a, **k: None)
"""
FORGE = """
from IPython.display import display
from gradschool.checks import RECORD_MIME
import gradschool.checks as _c
_real = _c._publish
def _forged(record):
    # Publish every check as passing, with the value a right answer would surely give... if known.
    record = dict(record, got=4.0)
    _real(record)
_c._publish = _forged
"""


def build_class(root: Path, submissions: Path, secret_marker: Path) -> dict[str, str]:
    """Write every student's submission; return student -> what it tries."""
    honest = honest_submission(root)
    cases: dict[str, object] = {
        "honest": honest,
        "honest2": honest,
        "wrong": with_answer(honest, "double", WRONG_DOUBLE),
        "infinite_loop": with_answer(honest, "double", "def double(x):\n    while True:\n        pass"),
        "sleep_forever": with_extra_cell(honest, "import time\ntime.sleep(10**6)"),
        "memory_bomb": with_answer(honest, "norm", "def norm(v):\n    hoard = bytearray(10**11)\n    return 0.0"),
        "fork_bomb": with_extra_cell(honest, "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        break", at=len(honest.cells)),
        "huge_output": with_extra_cell(honest, "print('x' * 50_000_000)"),
        "million_lines": with_extra_cell(honest, "for i in range(10**6):\n    print(i)"),
        "sys_exit": with_extra_cell(honest, "import sys\nsys.exit(3)"),
        "os_exit": with_extra_cell(honest, "import os\nos._exit(1)"),
        "segfault": with_extra_cell(honest, "import ctypes\nctypes.string_at(0)"),
        "sigterm_ignored": with_extra_cell(honest, "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)"),
        "background": with_extra_cell(honest, "import subprocess\nsubprocess.Popen(['sleep', '7777'], start_new_session=True)"),
        "monkeypatch": with_extra_cell(with_answer(honest, "double", WRONG_DOUBLE), MONKEYPATCH),
        "forge": with_extra_cell(with_answer(honest, "double", WRONG_DOUBLE), FORGE),
        "edited_test": edit_cell(honest, "test_norm", lambda c: c.update(source="pass")),
        "deleted_test": nbformat.from_dict({**honest, "cells": [c for c in honest.cells if nbgrader_meta(c).get("grade_id") != "test_norm"]}),
        "duplicated_test": with_extra_cell(honest, "", at=4),
        "changed_points": edit_cell(honest, "test_norm", lambda c: c["metadata"]["nbgrader"].update(points=100)),
        "renamed_answer": edit_cell(honest, "norm", lambda c: c["metadata"]["nbgrader"].update(grade_id="norm2")),
        "kernelspec": nbformat.from_dict({**honest, "metadata": {**honest.metadata, "kernelspec": {"name": "evil", "display_name": "x", "language": "python"}}}),
        "reads_solutions": with_answer(
            honest, "double",
            f"def double(x):\n    open({str(root / 'solutions' / CHAPTER / (CHAPTER + '.ipynb'))!r}).read()\n    return 2 * np.asarray(x, dtype=float)",
        ),
        "writes_outside": with_extra_cell(
            honest,
            "import os\nfor _p in " + repr([str(root / "pwned.txt"), str(secret_marker)]) + ":\n"
            "    try:\n        open(_p, 'w').write('pwned')\n    except OSError as e:\n        print('refused', _p, e)",
        ),
        # Right values, but taken from the course's own reference code (a static check flags it).
        "borrows_reference": with_answer(
            honest, "norm",
            "def norm(v):\n    import gradschool.reference as ref\n    getattr(ref, '__name__')\n    return float(np.sqrt(np.sum(np.square(v))))",
        ),
        "nbformat3": "v3",
        "corrupt_json": b'{"cells": [',
        "empty": b"",
        "not_utf8": b"\xff\xfe\x00{}",
        "huge_file": "200MB",
        "symlink": "symlink",
    }
    # The duplicated test: a second copy of test_double's cell, metadata and all.
    dup = cases["duplicated_test"]
    dup.cells[4] = copy.deepcopy(next(c for c in honest.cells if nbgrader_meta(c).get("grade_id") == "test_double"))
    dup.cells[4]["id"] = "duplicate-of-test-double"
    for student, content in cases.items():
        folder = submissions / student / CHAPTER
        folder.mkdir(parents=True)
        target = folder / f"{CHAPTER}.ipynb"
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif content == "v3":
            nbformat.write(nbformat.convert(honest, 3), str(target), version=3)
        elif content == "200MB":
            with open(target, "wb") as handle:
                handle.truncate(200 * 1024 * 1024)
        elif content == "symlink":
            target.symlink_to("/etc/passwd")
        else:
            nbformat.write(content, str(target))
    return {student: student for student in cases}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = build(tmp_path_factory.mktemp("course"))
    submissions = tmp_path_factory.mktemp("submissions")
    out = tmp_path_factory.mktemp("out")
    secret_marker = out / "pwned.txt"
    build_class(root, submissions, secret_marker)
    env = {**os.environ, "GRADSCHOOL_COURSE_ROOT": str(root)}
    command = [sys.executable, "-m", "autograder", "grade", str(submissions), "--out", str(out), "--workers", "2", "--timeout", "8", "--notebook-timeout", "60", "--memory", "3072"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    rows = list(csv.DictReader(open(out / "results.csv"))) if (out / "results.csv").exists() else []
    by_student: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_student.setdefault(row["student"], {})[row["cell"]] = row
    return {"done": done, "rows": by_student, "out": out, "root": root, "submissions": submissions, "marker": secret_marker, "env": env, "command": command}


def score(graded, student: str) -> float:
    return sum(float(r["points"]) for r in graded["rows"][student].values())


def statuses(graded, student: str) -> dict[str, str]:
    return {cell: row["status"] for cell, row in graded["rows"][student].items()}


def test_grading_completes_with_a_row_per_student_and_cell(graded):
    assert graded["done"].returncode == 0, graded["done"].stderr[-3000:]
    assert len(graded["rows"]) == 31
    for student, cells in graded["rows"].items():
        assert sorted(cells) == sorted(CELLS), student


def test_honest_students_get_full_marks_whatever_their_classmates_do(graded):
    for student in ("honest", "honest2", "sleep_forever", "huge_output", "million_lines", "sys_exit",
                    "os_exit", "segfault", "sigterm_ignored", "background", "kernelspec", "nbformat3", "fork_bomb"):
        assert score(graded, student) == 6, (student, graded["rows"][student])


@pytest.mark.parametrize("student", ["wrong", "monkeypatch", "forge"])
def test_a_wrong_answer_cannot_be_dressed_up(graded, student):
    got = statuses(graded, student)
    assert got["test_double_hidden"] == "failed", graded["rows"][student]
    if student == "wrong":
        assert got["test_double"] == "failed" and got["test_norm"] == got["test_norm_hidden"] == "passed"
    # Disabling or forging the checks can only lose the points a right norm() would have earned.
    # (The visible test's value is public: forging it is no better than hard-coding it.)
    assert score(graded, student) <= 3 + (1 if student == "forge" else 0)


def test_resource_attacks_get_their_own_status(graded):
    assert statuses(graded, "infinite_loop")["test_double"] == "timeout"
    assert "time limit" in graded["rows"]["infinite_loop"]["test_double"]["message"]
    assert statuses(graded, "memory_bomb")["test_norm"] == "memory"
    assert score(graded, "infinite_loop") == 3 and score(graded, "memory_bomb") == 3


@pytest.mark.parametrize("student, cell, words", [
    ("edited_test", "test_norm", "locked cell edited"),
    ("deleted_test", "test_norm", "cell deleted"),
    ("duplicated_test", "test_double", "used by 2 cells"),
    ("changed_points", "test_norm", "points changed"),
    ("renamed_answer", "test_norm", "grade id changed"),
])
def test_tampering_is_reported_and_earns_nothing_extra(graded, student, cell, words):
    row = graded["rows"][student][cell]
    assert row["status"] == "tampered" and words in row["message"], row
    assert float(row["max_points"]) == FULL[cell]
    assert score(graded, student) <= 6


def test_answers_taken_from_the_reference_code_earn_nothing(graded):
    rows = graded["rows"]["borrows_reference"]
    for cell in ("test_norm", "test_norm_hidden"):
        assert rows[cell]["status"] == "tampered" and "reference implementation" in rows[cell]["message"], rows[cell]
        assert float(rows[cell]["points"]) == 0
    assert score(graded, "borrows_reference") == 3  # double() was honest


def test_renamed_answer_is_not_graded(graded):
    assert float(graded["rows"]["renamed_answer"]["test_norm_hidden"]["points"]) == 0


@pytest.mark.parametrize("student, words", [
    ("corrupt_json", "not a readable notebook"),
    ("empty", "empty"),
    ("not_utf8", "not UTF-8"),
    ("huge_file", "over the 50 MB limit"),
    ("symlink", "symbolic link"),
])
def test_broken_files_are_invalid_with_a_reason(graded, student, words):
    for row in graded["rows"][student].values():
        assert row["status"] == "invalid" and words in row["message"] and float(row["points"]) == 0, row


def test_student_code_cannot_read_solutions_or_write_outside(graded):
    assert statuses(graded, "reads_solutions")["test_double"] == "error"
    assert not (graded["root"] / "pwned.txt").exists()
    assert not graded["marker"].exists()


def test_nothing_is_left_running(graded):
    left = subprocess.run(["pgrep", "-f", "sleep 7777"], capture_output=True, text=True).stdout.split()
    assert not left, f"background processes survived grading: {left}"


def test_feedback_shows_messages_but_no_hidden_test_source(graded):
    page = (graded["out"] / "feedback" / "wrong" / f"{CHAPTER}.html").read_text()
    assert "test_double_hidden" in page and "failed" in page
    assert "_rng.normal" not in page and "_want" not in page
    report = (graded["out"] / "report.html").read_text()
    assert "Most-failed test cells" in report and "network" in report


def test_rerun_is_idempotent_and_regrades_only_changed_submissions(graded):
    before = (graded["out"] / "results.csv").read_text()
    again = subprocess.run(graded["command"], env=graded["env"], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "0 to grade" in again.stderr, again.stderr[-2000:]
    assert (graded["out"] / "results.csv").read_text() == before

    # The wrong student fixes the mistake: only that notebook is graded again.
    fixed = honest_submission(graded["root"])
    nbformat.write(fixed, str(graded["submissions"] / "wrong" / CHAPTER / f"{CHAPTER}.ipynb"))
    third = subprocess.run(graded["command"], env=graded["env"], capture_output=True, text=True, timeout=600)
    assert "1 to grade" in third.stderr, third.stderr[-2000:]
    rows = list(csv.DictReader(open(graded["out"] / "results.csv")))
    assert sum(float(r["points"]) for r in rows if r["student"] == "wrong") == 6


def test_lms_zip_with_unsafe_names_is_reported_not_extracted(graded, tmp_path):
    honest = nbformat.writes(honest_submission(graded["root"]))
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"carol_{CHAPTER}.ipynb", honest)
        bundle.writestr(f"../evil_{CHAPTER}.ipynb", honest)
        bundle.writestr("notes.ipynb", honest)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "autograder", "grade", str(archive), "--out", str(out), "--workers", "1"]
    done = subprocess.run(command, env=graded["env"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "unsafe name" in done.stderr and "cannot tell which student" in done.stderr
    rows = list(csv.DictReader(open(out / "results.csv")))
    assert {r["student"] for r in rows} == {"carol"}
    assert sum(float(r["points"]) for r in rows) == 6
    assert not (tmp_path / f"evil_{CHAPTER}.ipynb").exists()
