"""Where the shipped dataset files live.

By default, the ``datasets/`` folder at the root of the repository (next to ``gradschool/``).
Set the environment variable ``GRADSCHOOL_DATASETS`` to a folder to read them from there instead
(the autograder's sandbox copies the datasets next to the submissions and sets it).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "GRADSCHOOL_DATASETS"


def datasets_dir() -> Path:
    """The folder that holds ``digits.npz`` and the other shipped files."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "datasets"


def dataset_path(filename: str) -> Path:
    """The path of one shipped file; raises FileNotFoundError saying where it looked."""
    path = datasets_dir() / filename
    if not path.is_file():
        raise FileNotFoundError(
            f"dataset file {filename!r} not found at {path}. It ships in the repository's "
            f"datasets/ folder; if yours is elsewhere, set the environment variable {ENV_VAR} "
            f"to that folder."
        )
    return path
