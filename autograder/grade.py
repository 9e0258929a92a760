"""``python -m autograder grade``: the whole class, as a visible sequence of named steps.

ingest -> expected (solution, once per chapter) -> for each submission, in parallel:
assemble -> sandbox + execute -> judge -> record -> then tables, gradebook, feedback and report.
"""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from functools import lru_cache
from pathlib import Path

from autograder import record, report
from autograder.cells import COURSE, COURSE_ROOT, REPO, read, release_path, source_path
from autograder.expected import expected_records, solution_digest
from autograder.ingest import Problem, Submission, discover
from autograder.job import JobResult, Settings, close_spares, every_cell, grade, test_cells


@lru_cache(maxsize=None)
def _chapter(chapter: str, out: str):
    """Per worker process: the chapter's notebooks and expected records, read once."""
    import json

    source = read(source_path(chapter))
    release = read(release_path(chapter))
    expected = json.loads((Path(out) / "expected" / f"{chapter}.json").read_text())["records"]
    return source, release, expected


def grade_job(student: str, chapter: str, path: str, digest: str, settings: Settings, out: str) -> JobResult:
    """One submission, in a worker (a local process or a Dask worker). Never raises for the student."""
    source, release, expected = _chapter(chapter, out)
    try:
        return grade(student, chapter, Path(path), source, release, expected, settings, digest)
    except Exception as error:  # a grader bug must cost one row, never the class
        return JobResult(student, chapter, digest, every_cell(source, "error", f"grader error: {type(error).__name__}: {error}"))


class Progress:
    """One line on the terminal: done / total, failures so far, ETA."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.failures = total, 0, 0
        self.started = time.monotonic()
        self.stream = stream

    def update(self, result: JobResult) -> None:
        self.done += 1
        self.failures += any(c.status not in ("passed",) for c in result.cells)
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done)
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} graded, "
            f"{self.failures} with lost points, ETA {eta:4.0f} s "
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")


def _worker_init() -> None:
    """A pool worker dies with the grader (no orphans after kill -9) and closes its spare kernel."""
    import ctypes
    import multiprocessing.util
    import signal

    from autograder.job import close_spares

    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    multiprocessing.util.Finalize(None, close_spares, exitpriority=10)


def _run_pool(jobs: list[tuple], workers: int, dask_address: str | None, on_result) -> None:
    if dask_address:
        from dask.distributed import Client, as_completed

        with Client(dask_address) as client:
            futures = [client.submit(grade_job, *job, pure=False) for job in jobs]
            for future in as_completed(futures):
                on_result(future.result())
        return
    # "spawn": a worker must not inherit this process's ZeroMQ sockets and kernels (fork would).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, mp_context=context) as pool:
        pending = {pool.submit(grade_job, *job) for job in jobs}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                on_result(future.result())


def grade_class(
    submissions: Path,
    out: Path,
    chapters: list[str],
    workers: int,
    settings: Settings,
    dask_address: str | None = None,
) -> int:
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    unknown = [c for c in chapters if not source_path(c).exists() or not release_path(c).exists()]
    if unknown:
        print(f"unknown chapters {unknown}; known: {sorted(p.name for p in COURSE.iterdir() if p.is_dir())}", file=sys.stderr)
        return 2
    secrets = [COURSE_ROOT / "solutions", COURSE_ROOT / ".git", COURSE_ROOT / "gradebook.db", REPO / "solutions", REPO / ".git", REPO / "gradebook.db"]
    settings.hide = sorted({*map(str, secrets), str(out), str(submissions.resolve()), *settings.hide})

    with tempfile.TemporaryDirectory(prefix="gs-ingest-") as scratch:
        found, problems = discover(submissions.resolve(), chapters, Path(scratch))
        for problem in problems:
            print(f"note: {problem.where}: {problem.why}", file=sys.stderr)

        print(f"{len(found)} submissions from {len({s.student for s in found})} students; computing expected values", file=sys.stderr)
        digests = {}
        for chapter in chapters:
            expected_records(chapter, settings, out / "expected")
            digests[chapter] = solution_digest(chapter)
        close_spares()  # the workers keep their own spares; this process grades nothing itself

        todo: list[Submission] = []
        for submission in found:
            digest = submission.digest()
            if not record.up_to_date(out, submission.student, submission.chapter, digest, digests[submission.chapter]):
                todo.append(submission)
        print(f"{len(todo)} to grade, {len(found) - len(todo)} already graded and unchanged", file=sys.stderr)

        progress = Progress(len(todo))

        def on_result(result: JobResult) -> None:
            record.save(out, result, digests[result.chapter])
            progress.update(result)

        jobs = [(s.student, s.chapter, str(s.path), s.digest(), settings, str(out)) for s in todo]
        _run_pool(jobs, workers, dask_address, on_result)
        progress.close()

    _write_outputs(out, chapters, found, problems)
    return 0


def _write_outputs(out: Path, chapters: list[str], found: list[Submission], problems: list[Problem]) -> None:
    """Every table and page, rebuilt from the state files (idempotent)."""
    cells = {chapter: test_cells(read(source_path(chapter))) for chapter in chapters}
    results = [r for r in record.load_all(out) if r.chapter in chapters]
    have = {(r.student, r.chapter) for r in results}
    students = sorted({s.student for s in found} | {p.student for p in problems if p.student} | {r.student for r in results})
    for problem in problems:
        if problem.student and problem.chapter in cells and (problem.student, problem.chapter) not in have:
            results.append(JobResult(problem.student, problem.chapter, "", [record.CellResult(c, 0.0, p, "invalid", problem.why) for c, p in cells[problem.chapter]]))
            have.add((problem.student, problem.chapter))
    for student in students:
        for chapter in chapters:
            if (student, chapter) not in have:
                results.append(record.missing_result(student, chapter, cells[chapter]))
    results.sort(key=lambda r: (r.student, r.chapter))
    record.write_results_csv(out, results)
    record.write_grades_csv(out, results)
    record.write_gradebook(out, results, {chapter: dict(c) for chapter, c in cells.items()})
    report.write_feedback(out, results)
    report.write_class_report(out, results, problems)
    print(f"wrote {out / 'results.csv'}, {out / 'grades.csv'}, {out / 'report.html'} and feedback/", file=sys.stderr)
