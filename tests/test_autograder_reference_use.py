"""Answers that take this chapter's graded names from ``gradschool.reference`` are flagged.

The reference package holds every chapter's answers (later chapters build on earlier ones), so
the grader checks statically that an answer cell does not simply call it. Tested on the real
chapters: no solution, release or correct variant is flagged; each way of borrowing is.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from autograder.assemble import find_reference_use
from autograder.cells import chapters, is_answer_cell, nbgrader_meta, read, release_path, source_path

MUTANTS = Path(__file__).parent / "mutants"


def with_answer(nb, name: str, source: str):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if is_answer_cell(cell) and nbgrader_meta(cell)["grade_id"] == name:
            cell["source"] = source
    return nb


@pytest.mark.parametrize("chapter", chapters())
def test_solutions_releases_and_correct_variants_are_not_flagged(chapter):
    source, release = read(source_path(chapter)), read(release_path(chapter))
    assert find_reference_use(source, source) == {}
    assert find_reference_use(source, release) == {}
    for variant in sorted((MUTANTS / chapter).glob("*/right_*.py")):
        found = find_reference_use(source, with_answer(release, variant.parent.name, variant.read_text()))
        assert found == {}, (variant, found)


@pytest.mark.parametrize("body, words", [
    ("return reference.sigmoid(x)", "reference.sigmoid"),  # the alias the chapter's own cells import
    ("import gradschool.reference.activations as a\n    return a.sigmoid(x)", "a.sigmoid"),
    ("from gradschool.reference.activations import sigmoid as s\n    return s(x)", "s imported from"),
    ("import importlib\n    return importlib.import_module('gradschool.reference.activations').sigmoid(x)", "'gradschool.reference.activations'"),
    ("return getattr(reference, 'sig' + 'moid')(x)", "getattr(reference"),
    ("import gradschool\n    return gradschool.reference.activations.sigmoid(x)", "gradschool.reference.activations.sigmoid"),
])
def test_each_way_of_borrowing_is_flagged(body, words):
    source, release = read(source_path("02_activations")), read(release_path("02_activations"))
    found = find_reference_use(source, with_answer(release, "sigmoid", f"def sigmoid(x):\n    {body}\n"))
    assert list(found) == ["sigmoid"] and words in found["sigmoid"][0], found


def test_building_on_earlier_chapters_is_allowed():
    """Chapter 05 is given chapter 04's layers from the reference package: using them is the point."""
    source, release = read(source_path("05_mlp")), read(release_path("05_mlp"))
    body = "def mlp_forward(X, params):\n    out, cache = linear_forward(X, params['W1'], params['b1'])\n    return out, cache\n"
    assert find_reference_use(source, with_answer(release, "mlp_forward", body)) == {}


def test_an_import_in_the_students_own_cell_counts_too():
    import nbformat

    source, release = read(source_path("02_activations")), read(release_path("02_activations"))
    nb = with_answer(release, "relu", "def relu(x):\n    return r(x)\n")
    nb.cells.insert(1, nbformat.v4.new_code_cell("from gradschool.reference.activations import relu as r"))
    assert list(find_reference_use(source, nb)) == ["relu"]
