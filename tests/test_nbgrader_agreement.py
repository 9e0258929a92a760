"""Real ``nbgrader autograde`` on three submissions per chapter, in a scratch course directory.

* the solutions notebook, submitted as is, gets full marks;
* the untouched student notebook gets 0, and grading reports no error;
* a mixed submission (every other graded function replaced by one of its mutants) loses exactly
  the test cells the fast mutant harness predicts, and keeps every other point: the harness and
  nbgrader agree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat
import pytest

from autograder.build import nbgrader_env
from autograder.cells import REPO, chapters, graded_functions, is_answer_cell, nbgrader_meta, read, source_path
from autograder.mutants import run_chapter, variants

CHAPTERS = chapters()


def mixed_choice(chapter: str) -> dict[str, str]:
    """Every other graded function -> the source of its first mutant."""
    names = list(graded_functions(read(source_path(chapter))))
    chosen = {}
    for name in names[1::2]:
        wrong = [v for v in variants(chapter) if v.function == name and v.kind == "wrong"]
        if wrong:
            chosen[name] = wrong[0]
    return chosen


def scores(root, chapter: str, student: str) -> dict[str, tuple[float, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(chapter, student)
        return {g.name: (g.score, g.max_score) for nb in submission.notebooks for g in nb.grades}


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_nbgrader_autograde_agrees_with_the_harness(chapter, tmp_path):
    shutil.copy(REPO / "nbgrader_config.py", tmp_path)
    shutil.copytree(REPO / "solutions" / chapter, tmp_path / "solutions" / chapter)
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "nbgrader", *args, "--force"], cwd=tmp_path, env=nbgrader_env(), capture_output=True, text=True
    )
    generated = run("generate_assignment", chapter)
    assert generated.returncode == 0, generated.stderr

    released = read(tmp_path / "course" / chapter / f"{chapter}.ipynb")
    solution = read(source_path(chapter))
    solution_sources = {nbgrader_meta(c)["grade_id"]: c["source"] for c in solution.cells if is_answer_cell(c)}
    chosen = mixed_choice(chapter)
    mixed = nbformat.from_dict(released)
    for cell in mixed.cells:
        if is_answer_cell(cell):
            name = nbgrader_meta(cell)["grade_id"]
            cell["source"] = chosen[name].path.read_text() if name in chosen else solution_sources[name]

    for student, notebook in {"solution": solution, "blank": released, "mixed": mixed}.items():
        folder = tmp_path / "submitted" / student / chapter
        folder.mkdir(parents=True)
        nbformat.write(notebook, str(folder / f"{chapter}.ipynb"))

    graded = run("autograde", chapter)
    assert graded.returncode == 0, graded.stderr[-3000:]
    assert "There was an error" not in graded.stderr, graded.stderr[-3000:]

    perfect = scores(tmp_path, chapter, "solution")
    assert all(score == top for score, top in perfect.values()), f"solution lost points: {perfect}"
    blank = scores(tmp_path, chapter, "blank")
    assert all(score == 0 for score, _ in blank.values()), f"untouched notebook earned points: {blank}"

    predicted = run_chapter(chapter, only=[v.label for v in chosen.values()], progress=lambda _row: None)
    failing = {cell for result in predicted for cell in result.own_failed + result.others_changed}
    got = scores(tmp_path, chapter, "mixed")
    disagreements = {
        cell: score for cell, (score, top) in got.items() if (score == 0) != (cell in failing) or 0 < score < top
    }
    assert failing, "the mixed submission should lose points"
    assert not disagreements, f"nbgrader and the harness disagree on {disagreements}; harness predicted {failing}"
