"""Shared pytest set-up: chapter tests that start kernels run on the venv's tools."""

import os
import sys
from pathlib import Path

# Kernels and nbgrader subprocesses must find this environment's executables (jupyter, alembic).
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MPLBACKEND", "Agg")
