"""What a course notebook is made of, in nbgrader's terms and ours.

A graded function sits alone in an answer cell (nbgrader ``solution: true``) whose ``grade_id`` is
its name; its tests are autograder-test cells (``grade: true``) whose ``grade_id`` starts with
``test_<name>``. A test cell belongs to the *longest* graded name it starts with, so
``test_sigmoid_grad_hidden`` tests ``sigmoid_grad``, not ``sigmoid`` (SYLLABUS "Layout and ids").
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
# The course being graded: this repository, or another folder with the same layout
# (solutions/, course/) named by GRADSCHOOL_COURSE_ROOT (the autograder's tests use a tiny one).
COURSE_ROOT = Path(os.environ.get("GRADSCHOOL_COURSE_ROOT", REPO)).resolve()
SOLUTIONS = COURSE_ROOT / "solutions"
COURSE = COURSE_ROOT / "course"


@dataclass
class GradedFunction:
    """One graded name with the index of its answer cell and of each of its test cells."""

    name: str
    answer_index: int
    test_indices: list[int] = field(default_factory=list)


def nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_answer_cell(cell: dict) -> bool:
    meta = nbgrader_meta(cell)
    return cell["cell_type"] == "code" and bool(meta.get("solution")) and not meta.get("grade")


def is_test_cell(cell: dict) -> bool:
    meta = nbgrader_meta(cell)
    return cell["cell_type"] == "code" and bool(meta.get("grade")) and not meta.get("solution")


def owner_of_test(test_id: str, names: list[str]) -> str | None:
    """The graded name a test cell id belongs to: the longest ``name`` with ``test_<name>`` a prefix."""
    candidates = [n for n in names if test_id == f"test_{n}" or test_id.startswith(f"test_{n}_")]
    return max(candidates, key=len) if candidates else None


def graded_functions(nb: dict) -> dict[str, GradedFunction]:
    """Graded names in notebook order, each with its answer cell and test cells."""
    functions: dict[str, GradedFunction] = {}
    for index, cell in enumerate(nb["cells"]):
        if is_answer_cell(cell):
            name = nbgrader_meta(cell)["grade_id"]
            functions[name] = GradedFunction(name, index)
    names = list(functions)
    for index, cell in enumerate(nb["cells"]):
        if is_test_cell(cell):
            owner = owner_of_test(nbgrader_meta(cell)["grade_id"], names)
            if owner is not None:
                functions[owner].test_indices.append(index)
    return functions


def chapters(root: Path = SOLUTIONS) -> list[str]:
    """Chapter folder names (``01_neuron``...) that have a notebook of the same name, sorted."""
    return sorted(p.parent.name for p in root.glob("*/*.ipynb") if p.stem == p.parent.name)


def source_path(chapter: str) -> Path:
    return SOLUTIONS / chapter / f"{chapter}.ipynb"


def release_path(chapter: str) -> Path:
    return COURSE / chapter / f"{chapter}.ipynb"


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)
