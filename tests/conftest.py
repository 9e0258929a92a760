"""Shared pytest set-up: chapter tests that start kernels run on the venv's tools."""

import os
import sys
from pathlib import Path

import pytest

# Kernels and nbgrader subprocesses must find this environment's executables (jupyter, alembic).
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def one_thread():
    """Torch on one thread for the test: tiny networks run fastest so, and the tests share a small
    machine. Modules that train use it for every test: ``pytestmark = pytest.mark.usefixtures("one_thread")``."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
