"""Step 5, record: job results on disk, then the CSVs and nbgrader's gradebook built from them.

Each finished job is written atomically to ``OUT/state/<student>/<chapter>.json``, with the
SHA-256 of the submission and of the solution it was judged against. That file is the unit of
resumption: after ``kill -9`` the next run skips what is there and up to date, grades the rest,
and rebuilds every table from the state files, so nothing is graded twice or lost.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from pathlib import Path

from autograder.job import CellResult, JobResult

RESULT_COLUMNS = ["student", "chapter", "cell", "points", "max_points", "status", "message"]


def state_path(out: Path, student: str, chapter: str) -> Path:
    return out / "state" / student / f"{chapter}.json"


def save(out: Path, result: JobResult, solution_sha256: str) -> None:
    path = state_path(out, result.student, result.chapter)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    result.notes = [n for n in result.notes if not n.startswith("solution ")] + [f"solution {solution_sha256}"]
    temporary.write_text(result.to_json())
    os.replace(temporary, path)  # atomic: a kill leaves the old file or the new one, never half


def up_to_date(out: Path, student: str, chapter: str, digest: str, solution_sha256: str) -> bool:
    path = state_path(out, student, chapter)
    if not path.exists():
        return False
    try:
        saved = JobResult.from_json(path.read_text())
    except (ValueError, TypeError, KeyError):
        return False
    return saved.digest == digest and f"solution {solution_sha256}" in saved.notes


def load_all(out: Path) -> list[JobResult]:
    results = []
    for path in sorted((out / "state").glob("*/*.json")):
        try:
            results.append(JobResult.from_json(path.read_text()))
        except (ValueError, TypeError, KeyError):
            continue
    return results


def write_results_csv(out: Path, results: list[JobResult]) -> None:
    with open(out / "results.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(RESULT_COLUMNS)
        for result in results:
            for cell in result.cells:
                writer.writerow([result.student, result.chapter, cell.cell, f"{cell.points:g}", f"{cell.max_points:g}", cell.status, cell.message])


def write_grades_csv(out: Path, results: list[JobResult]) -> None:
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for result in results:
        for cell in result.cells:
            totals[(result.student, result.chapter)][0] += cell.points
            totals[(result.student, result.chapter)][1] += cell.max_points
    with open(out / "grades.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "chapter", "score", "max_score"])
        for (student, chapter), (score, top) in sorted(totals.items()):
            writer.writerow([student, chapter, f"{score:g}", f"{top:g}"])


def write_gradebook(out: Path, results: list[JobResult], max_points: dict[str, dict[str, float]]) -> None:
    """nbgrader's gradebook (``OUT/gradebook.db``), so formgrader and ``nbgrader export`` work on OUT."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gradebook:
        for chapter, cells in max_points.items():
            gradebook.update_or_create_assignment(chapter)
            gradebook.update_or_create_notebook(chapter, chapter)
            for cell, points in cells.items():
                gradebook.update_or_create_grade_cell(cell, chapter, chapter, max_score=points, cell_type="code")
        for result in results:
            if result.chapter not in max_points:
                continue
            try:
                gradebook.find_student(result.student)
            except MissingEntry:
                gradebook.add_student(result.student)
            submission = gradebook.update_or_create_submission(result.chapter, result.student)
            for cell in result.cells:
                grade = gradebook.find_grade(cell.cell, result.chapter, result.chapter, result.student)
                grade.auto_score = cell.points
            gradebook.db.commit()
            del submission


def missing_result(student: str, chapter: str, cells: list[tuple[str, float]]) -> JobResult:
    message = "no notebook for this chapter was found in the submissions"
    return JobResult(student, chapter, "", [CellResult(c, 0.0, p, "missing", message) for c, p in cells])
