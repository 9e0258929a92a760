"""Small facts about the run a notebook is in: seeding, and whether it is being graded."""

from __future__ import annotations

import os
import random

import numpy as np


def is_grading() -> bool:
    """True under nbgrader or the gradschool autograder.

    Heavy demos scale down when this is true; graded checks never do.
    nbgrader sets ``NBGRADER_EXECUTION`` ("autograde" or "validate") while it executes.
    """
    return bool(os.environ.get("NBGRADER_EXECUTION")) or os.environ.get("GRADSCHOOL_JUDGE") == "1"


def demo_size(full: int, grading: int) -> int:
    """``full`` for a student's run, ``grading`` when graded: for epochs, steps, sample counts."""
    return grading if is_grading() else full


def seed_everything(seed: int = 0) -> np.random.Generator:
    """Seed Python, NumPy (legacy and new API) and PyTorch when it is imported; return a Generator."""
    random.seed(seed)
    np.random.seed(seed)
    import sys

    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)
    return np.random.default_rng(seed)
