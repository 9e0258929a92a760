"""Graders tested like code: every mutant loses points, every correct variant gets full marks.

One kernel per chapter runs the solution once, then each variant is injected into its answer
cell and the test cells it can affect are re-run (autograder/mutants.py). test_nbgrader_agreement.py
proves this fast path agrees with a real ``nbgrader autograde``.
"""

from __future__ import annotations

import pytest

from autograder.cells import chapters, graded_functions, read, source_path
from autograder.mutants import format_row, run_chapter, variants

CHAPTERS = chapters()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_graded_function_has_enough_variants(chapter):
    names = graded_functions(read(source_path(chapter)))
    found = variants(chapter)
    for name in names:
        wrong = [v for v in found if v.function == name and v.kind == "wrong"]
        right = [v for v in found if v.function == name and v.kind == "right"]
        assert len(wrong) >= 4, f"{chapter}/{name}: {len(wrong)} mutants, at least 4 wanted"
        assert len(right) >= 2, f"{chapter}/{name}: {len(right)} correct variants, at least 2 wanted"
    strays = sorted({v.function for v in found} - set(names))
    assert not strays, f"mutant folders for names that are not graded in {chapter}: {strays}"


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_mutants_are_killed_and_correct_variants_pass(chapter):
    results = run_chapter(chapter, progress=lambda _row: None)
    misses = [format_row(r) for r in results if not r.ok]
    assert not misses, "graders misjudged:\n" + "\n".join(misses)
