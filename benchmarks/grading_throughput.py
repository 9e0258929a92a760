"""Grade one generated class two ways, in one run: plain serial ``nbgrader autograde`` vs
``python -m autograder grade --workers 2``; print both wall times, their ratio, and the
per-notebook overhead (job start to a kernel ready with numpy and torch imported).

The class: ``--students`` students (default 40) x ``--chapters`` (default every chapter), a mix
of right (50 %), partly wrong (30 %: a third of the graded functions replaced by mutants) and
broken (20 %: the untouched notebook, or a corrupt file).

    .venv/bin/python benchmarks/grading_throughput.py [--students 40] [--chapters 01_neuron,02_activations]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograder.build import nbgrader_env  # noqa: E402
from autograder.cells import REPO, chapters  # noqa: E402
from autograder.demo import make_class  # noqa: E402
from autograder.kernel import Kernel  # noqa: E402


def time_nbgrader(root: Path, submitted: Path, names: list[str]) -> float:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", root)
    for chapter in names:
        shutil.copytree(REPO / "solutions" / chapter, root / "solutions" / chapter)
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", chapter, "--force"], cwd=root, env=nbgrader_env(), check=True, capture_output=True)
    shutil.copytree(submitted, root / "submitted")
    started = time.monotonic()
    for chapter in names:
        subprocess.run([sys.executable, "-m", "nbgrader", "autograde", chapter, "--force"], cwd=root, env=nbgrader_env(), capture_output=True)
    return time.monotonic() - started


def time_autograder(submitted: Path, out: Path, names: list[str], workers: int) -> float:
    started = time.monotonic()
    command = [sys.executable, "-m", "autograder", "grade", str(submitted), "--out", str(out), "--chapters", ",".join(names), "--workers", str(workers)]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PATH": nbgrader_env()["PATH"]})
    return time.monotonic() - started


def cold_kernel_seconds(repeats: int = 3) -> float:
    """What a job would pay without a warm spare: start a kernel, import numpy and torch."""
    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as folder:
            started = time.monotonic()
            kernel = Kernel(Path(folder))
            kernel.start()
            kernel.run("import numpy, matplotlib.figure, torch")
            times.append(time.monotonic() - started)
            kernel.shutdown()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--chapters", help="comma-separated (default: every chapter)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    names = args.chapters.split(",") if args.chapters else chapters()
    with tempfile.TemporaryDirectory(prefix="gs-bench-") as scratch:
        scratch = Path(scratch)
        make_class(scratch / "class", args.students, names)
        notebooks = args.students * len(names)
        print(f"class: {args.students} students x {len(names)} chapters = {notebooks} notebooks ({', '.join(names)})", flush=True)
        autograder_s = time_autograder(scratch / "class", scratch / "out", names, args.workers)
        print(f"autograder, {args.workers} workers: {autograder_s:8.1f} s  ({notebooks / autograder_s:.2f} notebooks/s)", flush=True)
        nbgrader_s = time_nbgrader(scratch / "nbgrader", scratch / "class", names)
        print(f"nbgrader autograde, serial: {nbgrader_s:8.1f} s  ({notebooks / nbgrader_s:.2f} notebooks/s)", flush=True)
        print(f"speed-up: {nbgrader_s / autograder_s:.2f}x (goal >= 1.8x on 2 cores)")
        overheads = [json.loads(p.read_text()).get("overhead_seconds", 0.0) for p in (scratch / "out" / "state").glob("*/*.json")]
        overheads = [o for o in overheads if o > 0]
        if overheads:
            print(
                f"per-notebook overhead, job start to a ready kernel with numpy+torch: median {statistics.median(overheads):.2f} s, "
                f"p90 {sorted(overheads)[int(0.9 * (len(overheads) - 1))]:.2f} s over {len(overheads)} executed notebooks (goal <= 0.5 s)"
            )
        print(f"without a warm spare (start a kernel, import numpy+torch): {cold_kernel_seconds():.2f} s")


if __name__ == "__main__":
    main()
