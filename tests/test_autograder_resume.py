"""``kill -9`` in the middle of grading loses nothing: the next run grades exactly the rest."""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time

import nbformat

from tests.toy_course import CHAPTER, build, honest_submission

STUDENTS = [f"s{i}" for i in range(6)]


def test_kill_dash_nine_then_rerun_finishes_the_rest(tmp_path):
    root = build(tmp_path / "course")
    for student in STUDENTS:
        folder = tmp_path / "class" / student / CHAPTER
        folder.mkdir(parents=True)
        nbformat.write(honest_submission(root), str(folder / f"{CHAPTER}.ipynb"))
    env = {**os.environ, "GRADSCHOOL_COURSE_ROOT": str(root)}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "autograder", "grade", str(tmp_path / "class"), "--out", str(out), "--workers", "1"]

    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and len(list((out / "state").glob("*/*.json"))) < 2:
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.wait()
    done_before = len(list((out / "state").glob("*/*.json")))
    assert 2 <= done_before < len(STUDENTS), "kill the run in the middle"

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-2000:]
    graded_now = int(re.search(r"(\d+) to grade", second.stderr).group(1))
    assert graded_now == len(STUDENTS) - done_before
    rows = list(csv.DictReader(open(out / "grades.csv")))
    assert sorted(r["student"] for r in rows) == STUDENTS
    assert all(float(r["score"]) == 6 for r in rows)


def test_a_sandbox_whose_grader_is_already_gone_exits_at_once(tmp_path):
    """The parent-death signal covers only deaths after it is set: a grader killed while the
    sandbox launcher was still starting would leave an orphan kernel. ``--parent`` closes that gap."""
    import time

    marker = tmp_path / "ran"
    command = [sys.executable, "-m", "autograder.sandbox", "--workdir", str(tmp_path), "--report", str(tmp_path / "r.json"),
               "--parent", "999999999", "--", sys.executable, "-c", f"open({str(marker)!r}, 'w')", "-f", str(tmp_path / "c.json")]
    (tmp_path / "c.json").write_text("{}")
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and not marker.exists(), done.stderr
    assert time.monotonic() - started < 30
