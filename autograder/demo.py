"""A generated class, for ``make grade-demo`` and the throughput benchmark.

Students come in three kinds, in a fixed mix: right (the solution's answers typed into the
released notebook), partly wrong (a third of the graded functions replaced by known mutants from
``tests/mutants``) and broken (the untouched notebook, or a corrupt file).

    python -m autograder.demo FOLDER [--students 6] [--chapters 01_neuron,02_activations]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import nbformat

from autograder.cells import chapters, graded_functions, is_answer_cell, nbgrader_meta, read, release_path, source_path
from autograder.mutants import variants


def student_notebook(chapter: str, kind: str, rng: random.Random) -> nbformat.NotebookNode | bytes:
    release = read(release_path(chapter))
    if kind == "broken":
        return b'{"cells": [' if rng.random() < 0.5 else release
    answers = {nbgrader_meta(c)["grade_id"]: c["source"] for c in read(source_path(chapter)).cells if is_answer_cell(c)}
    if kind == "wrong":
        names = list(graded_functions(read(source_path(chapter))))
        for name in rng.sample(names, max(1, len(names) // 3)):
            wrong = [v for v in variants(chapter) if v.function == name and v.kind == "wrong"]
            if wrong:
                answers[name] = rng.choice(wrong).path.read_text()
    for cell in release.cells:
        if is_answer_cell(cell):
            cell["source"] = answers[nbgrader_meta(cell)["grade_id"]]
    return release


def kind_of(index: int) -> str:
    """Half right, three in ten partly wrong, two in ten broken."""
    return "right" if index % 10 < 5 else ("wrong" if index % 10 < 8 else "broken")


def make_class(folder: Path, students: int, names: list[str], seed: int = 0) -> None:
    """Write ``folder/<student>/<chapter>/<chapter>.ipynb`` for every student and chapter."""
    rng = random.Random(seed)
    for index in range(students):
        for chapter in names:
            target = folder / f"student{index:03d}" / chapter / f"{chapter}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            notebook = student_notebook(chapter, kind_of(index), rng)
            if isinstance(notebook, bytes):
                target.write_bytes(notebook)
            else:
                nbformat.write(notebook, str(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--chapters", help="comma-separated (default: every chapter)")
    args = parser.parse_args()
    names = args.chapters.split(",") if args.chapters else chapters()
    make_class(args.folder, args.students, names)
    print(f"wrote {args.students} students x {len(names)} chapters under {args.folder}")


if __name__ == "__main__":
    main()
