"""How long each chapter takes, and how well its graders judge, side by side in one run.

For every chapter (or those named on the command line) it prints:
* the solution notebook's top-to-bottom run time in a fresh kernel (target <= 90 s on 2 cores);
* the time ``nbgrader autograde`` takes to grade one submission of it (the solution);
* the mutant kill rate and the correct-variant pass rate of its hidden and visible tests.

    .venv/bin/python benchmarks/course_runtime.py [01_neuron ...] [--no-mutants]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograder.build import nbgrader_env  # noqa: E402
from autograder.cells import REPO, chapters, source_path  # noqa: E402
from autograder.execute import error_outputs, run_notebook  # noqa: E402
from autograder.mutants import run_chapter, summary  # noqa: E402


def autograde_seconds(chapter: str) -> float:
    """Seconds for ``nbgrader autograde`` of one submission (the solution) in a scratch course."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copy(REPO / "nbgrader_config.py", root)
        shutil.copytree(REPO / "solutions" / chapter, root / "solutions" / chapter)
        submitted = root / "submitted" / "student" / chapter
        submitted.mkdir(parents=True)
        shutil.copy(source_path(chapter), submitted)
        nbgrader = [sys.executable, "-m", "nbgrader"]
        subprocess.run([*nbgrader, "generate_assignment", chapter, "--force"], cwd=root, env=nbgrader_env(), check=True, capture_output=True)
        started = time.monotonic()
        subprocess.run([*nbgrader, "autograde", chapter, "--force"], cwd=root, env=nbgrader_env(), check=True, capture_output=True)
        return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chapters", nargs="*")
    parser.add_argument("--no-mutants", action="store_true", help="skip the kill-rate columns")
    args = parser.parse_args()
    names = args.chapters or chapters()

    header = f"{'chapter':<22}{'run (s)':>9}{'autograde (s)':>15}{'mutants killed':>16}{'correct passed':>16}"
    print(header)
    print("-" * len(header))
    for chapter in names:
        nb, run_seconds = run_notebook(source_path(chapter))
        flag = " ERROR" if error_outputs(nb) else (" SLOW" if run_seconds > 90 else "")
        grade_seconds = autograde_seconds(chapter)
        if args.no_mutants:
            killed = passed = "-"
        else:
            figures = summary(run_chapter(chapter, progress=lambda _row: None))
            killed = f"{figures['killed']}/{figures['mutants']} ({figures['kill_rate']:.0%})"
            passed = f"{figures['passed']}/{figures['correct']} ({figures['pass_rate']:.0%})"
        print(f"{chapter:<22}{run_seconds:>9.1f}{grade_seconds:>15.1f}{killed:>16}{passed:>16}{flag}", flush=True)


if __name__ == "__main__":
    main()
