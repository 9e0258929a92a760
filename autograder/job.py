"""Step 3, execute: run one assembled notebook in a sandboxed kernel, cell by cell, and judge it.

One job = one student's notebook for one chapter. The job never raises for anything the student
did: every outcome becomes a status per graded cell (``passed failed error timeout memory
tampered invalid missing``) with a message.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from autograder.assemble import InvalidNotebook, assemble, load
from autograder.cells import REPO, graded_functions, is_test_cell, nbgrader_meta, owner_of_test
from autograder.judge import judge_cell, records_in, withhold_expected
from autograder.kernel import CellRun, Kernel


@dataclass
class Settings:
    cell_timeout: float = 120.0
    notebook_timeout: float = 900.0
    memory_mb: int = 4096
    processes: int = 256
    hide: list[str] = field(default_factory=list)  # paths the student's kernel must not see
    datasets: str = str(REPO / "datasets")


@dataclass
class CellResult:
    cell: str
    points: float
    max_points: float
    status: str
    message: str = ""


@dataclass
class JobResult:
    student: str
    chapter: str
    digest: str
    cells: list[CellResult]
    notes: list[str] = field(default_factory=list)
    sandbox: dict = field(default_factory=dict)
    seconds: float = 0.0
    overhead_seconds: float = 0.0  # job start to a ready kernel with numpy and torch imported

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> "JobResult":
        data = json.loads(text)
        data["cells"] = [CellResult(**c) for c in data["cells"]]
        return cls(**data)


def test_cells(nb: nbformat.NotebookNode) -> list[tuple[str, float]]:
    """(grade id, points) of every autograded test cell, in notebook order."""
    return [(nbgrader_meta(c)["grade_id"], float(nbgrader_meta(c).get("points", 0))) for c in nb.cells if is_test_cell(c)]


def every_cell(nb: nbformat.NotebookNode, status: str, message: str) -> list[CellResult]:
    return [CellResult(grade_id, 0.0, points, status, message) for grade_id, points in test_cells(nb)]


def _sandbox_uid() -> int:
    """A uid of the job's own: concurrent jobs never share a process budget."""
    return 61000 + os.getpid() % 4000


def _kernel_for(workdir: Path, settings: Settings, report: Path) -> Kernel:
    env = {
        "GRADSCHOOL_JUDGE": "1",
        "NBGRADER_EXECUTION": "autograde",
        "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    if os.geteuid() != 0:
        # No sandbox is possible without root: run in the job folder, say so in the report.
        report.write_text(json.dumps({"namespaces": False, "network_isolated": False, "uid": None, "refused": ["not root: no sandbox"]}))
        return Kernel(workdir, env={**env, "GRADSCHOOL_DATASETS": str(workdir / "datasets"), "HOME": str(workdir)})
    uid = _sandbox_uid()
    os.chown(workdir, uid, uid)
    launcher = [
        sys.executable, "-m", "autograder.sandbox",
        "--workdir", str(workdir), "--uid", str(uid), "--report", str(report), "--parent", str(os.getpid()),
        "--memory-mb", str(settings.memory_mb), "--processes", str(settings.processes),
        "--cpu-seconds", str(int(settings.notebook_timeout * 2)),
    ]
    for path in settings.hide:
        launcher += ["--hide", path]
    for path in {sys.prefix, str(REPO), settings.datasets}:
        launcher += ["--keep", str(Path(path).resolve())]
    inside = "/tmp/work"
    env.update({"GRADSCHOOL_DATASETS": f"{inside}/datasets", "HOME": inside, "IPYTHONDIR": f"{inside}/.ipython", "MPLCONFIGDIR": f"{inside}/.matplotlib"})
    return Kernel(workdir, env=env, launcher=launcher)


def _status_of(run: CellRun) -> tuple[str, str]:
    if run.status == "timeout":
        return "timeout", "the cell ran past its time limit and was stopped (an infinite loop, or far too slow)"
    if run.status == "dead":
        return "error", "the kernel died while running this cell (os._exit, a crash or no memory left); the grader restarted it"
    if run.status == "output":
        return "error", "the cell printed more than the output limit and was stopped"
    if run.error_name == "MemoryError":
        return "memory", "the cell ran out of memory (over the sandbox's memory limit)"
    return "error", f"{run.error_name}: {run.error_value.strip()[:300]}"


def execute(nb: nbformat.NotebookNode, kernel: Kernel, settings: Settings, expected: dict[str, list[dict]] | None) -> tuple[dict[str, tuple[str, str]], dict[str, list[dict]]]:
    """Run every code cell in order; judge test cells against ``expected`` (None: just record).

    Returns grade id -> (status, message), and grade id -> the records the cell published.
    """
    outcomes: dict[str, tuple[str, str]] = {}
    published: dict[str, list[dict]] = {}
    deadline = time.monotonic() + settings.notebook_timeout
    code_cells = [c for c in nb.cells if c["cell_type"] == "code"]
    crashed: set[int] = set()
    for index, cell in enumerate(code_cells):
        grade_id = nbgrader_meta(cell).get("grade_id") if is_test_cell(cell) else None
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if grade_id:
                outcomes[grade_id] = ("timeout", "the notebook ran past its total time limit before this cell")
            continue
        source = withhold_expected(cell["source"]) if grade_id else cell["source"]
        run = kernel.run(source, timeout=min(settings.cell_timeout, remaining))
        if run.status == "dead" or kernel.wedged:
            crashed.add(index)
            if not _restart_and_replay(kernel, code_cells[:index], crashed, settings):
                for later in code_cells[index:]:
                    if is_test_cell(later):
                        outcomes[nbgrader_meta(later)["grade_id"]] = ("error", "the kernel kept dying; the rest of the notebook could not run")
                if grade_id:
                    outcomes[grade_id] = _status_of(run)
                return outcomes, published
        if not grade_id:
            continue
        published[grade_id] = records_in(run.outputs)
        if run.status != "ok":
            outcomes[grade_id] = _status_of(run)
        elif expected is None:
            outcomes[grade_id] = ("passed", "")
        else:
            verdict = judge_cell(expected.get(grade_id, []), published[grade_id])
            outcomes[grade_id] = ("passed", "") if verdict.passed else ("failed", verdict.message)
    return outcomes, published


def _restart_and_replay(kernel: Kernel, earlier: list[dict], crashed: set[int], settings: Settings) -> bool:
    """A fresh kernel with every earlier non-test cell re-run (skipping cells that crashed)."""
    kernel.restart()
    for index, cell in enumerate(earlier):
        if index in crashed or is_test_cell(cell):
            continue
        if kernel.run(cell["source"], timeout=settings.cell_timeout).status == "dead":
            return False
    return True


# Run by IPython before the kernel first answers, so "ready" means numpy and torch are imported.
# Expression statements bind no name: the student's namespace stays empty.
WARM_UP = "__import__('numpy'); __import__('matplotlib.figure'); __import__('torch')\n"


@dataclass
class Sandbox:
    """A private working folder with a launched (maybe still starting) kernel in it."""

    workdir: Path
    report: Path
    kernel: Kernel

    def close(self) -> None:
        try:
            self.kernel.shutdown()
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.report.unlink(missing_ok=True)


def new_sandbox(settings: Settings) -> Sandbox:
    workdir = Path(tempfile.mkdtemp(prefix="gs-"))
    report = Path(str(workdir) + ".sandbox.json")
    shutil.copytree(settings.datasets, workdir / "datasets")
    startup = workdir / ".ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00_warm_up.py").write_text(WARM_UP)
    kernel = _kernel_for(workdir, settings, report)
    if os.geteuid() == 0:
        uid = _sandbox_uid()
        for folder, _dirs, _files in os.walk(workdir / ".ipython"):
            os.chown(folder, uid, uid)
    if kernel.launcher is None:
        kernel.env["IPYTHONDIR"] = str(workdir / ".ipython")
    kernel.launch()
    return Sandbox(workdir, report, kernel)


_spares: dict[tuple, Sandbox] = {}


def take_sandbox(settings: Settings) -> Sandbox:
    """A sandbox for this job, and a spare launched at once for the next one in this process.

    The spare's kernel starts and imports numpy and torch while this job runs, so the next job
    finds a ready kernel instead of paying seconds of start-up.
    """
    key = (settings.memory_mb, settings.processes, settings.notebook_timeout, tuple(settings.hide), settings.datasets)
    sandbox = _spares.pop(key, None) or new_sandbox(settings)
    _spares[key] = new_sandbox(settings)
    return sandbox


@atexit.register
def close_spares() -> None:
    """Shut down spare kernels (also registered with multiprocessing for pool workers, which skip atexit)."""
    while _spares:
        _spares.popitem()[1].close()


def run_in_sandbox(nb: nbformat.NotebookNode, settings: Settings, expected: dict[str, list[dict]] | None,
                   submission: Path | None = None, started: float | None = None):
    """Take a sandbox, wait for its kernel, execute, clean up.

    Returns (outcomes, published records, sandbox report, seconds from ``started`` to a ready kernel).
    """
    started = time.monotonic() if started is None else started
    sandbox = take_sandbox(settings)
    try:
        try:
            sandbox.kernel.wait_ready(timeout=120)
        except RuntimeError:  # the spare died while waiting (its parent thread ended): start afresh
            sandbox.close()
            sandbox = new_sandbox(settings)
            sandbox.kernel.wait_ready(timeout=120)
        if submission is not None:
            shutil.copy(submission, sandbox.workdir / "submission.ipynb")
        overhead = time.monotonic() - started
        outcomes, published = execute(nb, sandbox.kernel, settings, expected)
        report = json.loads(sandbox.report.read_text()) if sandbox.report.exists() else {}
        return outcomes, published, report, overhead
    finally:
        sandbox.close()


def grade(student: str, chapter: str, path: Path, source: nbformat.NotebookNode, release: nbformat.NotebookNode,
          expected: dict[str, list[dict]], settings: Settings, digest: str) -> JobResult:
    """Grade one submission. Never raises for anything in the submission."""
    started = time.monotonic()
    try:
        submitted, notes = load(path)
    except InvalidNotebook as problem:
        return JobResult(student, chapter, digest, every_cell(source, "invalid", str(problem)), seconds=time.monotonic() - started)
    assembled = assemble(source, release, submitted)
    outcomes, _published, sandbox, overhead = run_in_sandbox(assembled.notebook, settings, expected, submission=path, started=started)
    cells = []
    for grade_id, points in test_cells(source):
        status, message = outcomes.get(grade_id, ("error", "the cell did not run"))
        earned = points if status == "passed" else 0.0
        if grade_id in assembled.tampering:
            message = "; ".join(assembled.tampering[grade_id]) + (f" | {status}: {message}" if message else f" | {status}")
            status = "tampered"
        cells.append(CellResult(grade_id, earned, points, status, message))
    other_tampering = {k: v for k, v in assembled.tampering.items() if k not in dict(test_cells(source))}
    notes = notes + assembled.notes + [f"{k}: {'; '.join(v)}" for k, v in other_tampering.items()]
    if other_tampering:
        # Tampering with an answer cell (a renamed grade id, a call into gradschool.reference) taints
        # that function's tests: they are reported as tampered and earn nothing.
        names = list(graded_functions(source))
        for cell in cells:
            changes = other_tampering.get(owner_of_test(cell.cell, names) or "")
            if changes:
                cell.status, cell.points = "tampered", 0.0
                cell.message = "; ".join(changes) + (f" | {cell.message}" if cell.message else "")
    return JobResult(student, chapter, digest, cells, notes=notes, sandbox=sandbox, seconds=time.monotonic() - started, overhead_seconds=overhead)
