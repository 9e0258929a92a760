"""``make build``: generate every student notebook in ``course/`` from ``solutions/``.

This is nbgrader's own ``generate_assignment`` (clear solutions and hidden tests, lock and
checksum the graded cells), run from the repository root with ``nbgrader_config.py``, so what
we ship is exactly what nbgrader would release.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from autograder.cells import REPO, chapters


def nbgrader_env() -> dict[str, str]:
    """The environment for nbgrader subprocesses: this venv's tools (alembic, jupyter) on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def build(selected: list[str] | None = None, root: Path = REPO) -> list[str]:
    """Regenerate ``course/<chapter>/`` for each selected chapter (all by default)."""
    import subprocess

    names = selected or chapters(root / "solutions")
    for name in names:
        command = [sys.executable, "-m", "nbgrader", "generate_assignment", name, "--force", "--log-level=WARN"]
        done = subprocess.run(command, cwd=root, env=nbgrader_env(), capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"nbgrader generate_assignment {name} failed:\n{done.stdout}\n{done.stderr}")
        print(f"built course/{name}/{name}.ipynb")
    return names
