"""The course's promises about its notebooks.

* course/ is byte-for-byte what nbgrader generates from solutions/ (never edited by hand);
* no solution code and no hidden test text reaches course/;
* every graded cell follows ../shared/SYLLABUS.md: grade ids, one graded definition per answer
  cell with the contracted signature, points set, tests locked, every test cell owned.
"""

from __future__ import annotations

import ast
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from autograder.build import build
from autograder.cells import (
    COURSE,
    REPO,
    SOLUTIONS,
    chapters,
    graded_functions,
    is_answer_cell,
    is_test_cell,
    nbgrader_meta,
    read,
    release_path,
    source_path,
)
from tests.syllabus import GRADED, OPEN_ENDED

CHAPTERS = chapters()
SYLLABUS = REPO.parent / "shared" / "SYLLABUS.md"


def test_there_are_chapters():
    assert "01_neuron" in CHAPTERS and "02_activations" in CHAPTERS


def test_every_source_chapter_is_released_and_nothing_else():
    released = sorted(p.parent.name for p in COURSE.glob("*/*.ipynb"))
    assert released == CHAPTERS, "run `make build`: course/ and solutions/ hold different chapters"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """A fresh nbgrader build of every chapter in a scratch course directory."""
    root = tmp_path_factory.mktemp("rebuild")
    shutil.copy(REPO / "nbgrader_config.py", root)
    shutil.copytree(SOLUTIONS, root / "solutions")

    def one(chapter: str) -> None:
        # Separate roots so parallel nbgrader runs never share a gradebook.
        chapter_root = root / f"build_{chapter}"
        (chapter_root / "solutions").mkdir(parents=True)
        shutil.copy(REPO / "nbgrader_config.py", chapter_root)
        shutil.copytree(SOLUTIONS / chapter, chapter_root / "solutions" / chapter)
        build([chapter], root=chapter_root)
        shutil.copytree(chapter_root / "course" / chapter, root / "course" / chapter)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, CHAPTERS))
    return root / "course"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_course_is_exactly_what_a_rebuild_gives(chapter, rebuilt):
    fresh = (rebuilt / chapter / f"{chapter}.ipynb").read_bytes()
    assert release_path(chapter).read_bytes() == fresh, f"course/{chapter} drifted from solutions/: run `make build`"


def lines_outside_secrets(source: str) -> list[str]:
    """Stripped lines outside BEGIN/END SOLUTION and BEGIN/END HIDDEN TESTS regions."""
    lines, inside = [], False
    for line in source.splitlines():
        if re.search(r"### BEGIN (SOLUTION|HIDDEN TESTS)", line):
            inside = True
        elif re.search(r"### END (SOLUTION|HIDDEN TESTS)", line):
            inside = False
        elif not inside:
            lines.append(line.strip())
    return lines


def hidden_and_solution_lines(source: str) -> list[str]:
    """Substantive lines inside BEGIN/END SOLUTION and BEGIN/END HIDDEN TESTS regions."""
    lines, inside = [], False
    for line in source.splitlines():
        if re.search(r"### BEGIN (SOLUTION|HIDDEN TESTS)", line):
            inside = True
        elif re.search(r"### END (SOLUTION|HIDDEN TESTS)", line):
            inside = False
        elif inside and len(line.strip()) > 12 and not line.strip().startswith("#"):
            lines.append(line.strip())
    return lines


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_solution_or_hidden_test_reaches_students(chapter):
    released = release_path(chapter).read_text()
    assert "BEGIN SOLUTION" not in released and "BEGIN HIDDEN TESTS" not in released
    released_lines = {line.strip() for c in read(release_path(chapter))["cells"] for line in c["source"].splitlines()}
    source_cells = read(source_path(chapter))["cells"]
    # Lines that also appear outside the secret regions (shared boilerplate) are not secrets.
    public = {line for cell in source_cells for line in lines_outside_secrets(cell["source"])}
    leaked = [
        line
        for cell in source_cells
        for line in hidden_and_solution_lines(cell["source"])
        if line not in public and line in released_lines
    ]
    assert not leaked, f"solution or hidden-test lines in course/{chapter}: {leaked[:3]}"


def signature(node: ast.FunctionDef) -> str:
    """``def f(a, b=1)`` -> ``"a, b=1"`` (without ``self``)."""
    args = node.args
    names = [a.arg for a in args.args if a.arg != "self"]
    defaults = [ast.unparse(d) for d in args.defaults]
    parts = names[: len(names) - len(defaults)] + [f"{n}={d}" for n, d in zip(names[len(names) - len(defaults) :], defaults)]
    parts += [a.arg for a in args.kwonlyargs]
    return ", ".join(parts)


def normalise(text: str) -> str:
    return text.replace("'", '"').replace(" ", "")


def same_signature(found: str, wanted: str) -> bool:
    """Compare parameter lists, reading number defaults as numbers (1e-3 == 0.001)."""

    def parts(text: str) -> list[tuple[str, object]]:
        out = []
        for part in filter(None, normalise(text).split(",")):
            name, _, default = part.partition("=")
            try:
                value: object = ast.literal_eval(default) if default else None
            except ValueError:
                value = default
            out.append((name, value))
        return out

    return parts(found) == parts(wanted)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_graded_cells_follow_the_syllabus(chapter):
    nb = read(source_path(chapter))
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "set the python3 kernelspec"
    functions = graded_functions(nb)
    contract = GRADED[chapter]
    missing = sorted(set(contract) - set(functions))
    assert not missing, f"{chapter} lacks graded cells for {missing}"

    ids = [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c)]
    assert len(ids) == len(set(ids)), f"duplicate grade ids in {chapter}"

    for name, function in functions.items():
        tree = ast.parse(nb.cells[function.answer_index]["source"])
        definitions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        others = [n for n in tree.body if not isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Expr))]
        assert [d.name for d in definitions] == [name] and not others, (
            f"answer cell {name!r} must hold exactly one definition named {name!r}"
        )
        wanted = OPEN_ENDED.get((chapter, name)) or contract.get(name)
        definition = definitions[0]
        if isinstance(definition, ast.ClassDef):
            inits = [n for n in definition.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
            found = signature(inits[0]) if inits else ""
        else:
            found = signature(definition)
        if wanted is not None:
            found_cmp = found if (chapter, name) not in OPEN_ENDED else ", ".join(found.split(", ")[: len(wanted.split(", "))])
            assert same_signature(found_cmp, wanted), f"{name}({found}) but the syllabus says {name}({wanted})"

        assert function.test_indices, f"{name} has no test cell"
        hidden = [i for i in function.test_indices if "### BEGIN HIDDEN TESTS" in nb.cells[i]["source"]]
        assert hidden, f"{name} has no hidden test cell"
        for index in function.test_indices:
            meta = nbgrader_meta(nb.cells[index])
            assert meta.get("points", 0) > 0, f"{meta['grade_id']} has no points"
            assert meta.get("locked") is True, f"{meta['grade_id']} must be locked"

    owned = {i for f in functions.values() for i in f.test_indices}
    orphans = [nbgrader_meta(c)["grade_id"] for i, c in enumerate(nb.cells) if is_test_cell(c) and i not in owned]
    assert not orphans, f"test cells that test no graded name: {orphans}"
    answers = [c for c in nb.cells if is_answer_cell(c)]
    assert len(answers) == len(functions)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_tests_assert_only_through_gradschool_checks(chapter):
    """A bare assert gives students a bare AssertionError and cannot be judged outside the kernel."""
    nb = read(source_path(chapter))
    for cell in nb.cells:
        if is_test_cell(cell):
            tree = ast.parse(cell["source"])
            asserts = [n for n in ast.walk(tree) if isinstance(n, ast.Assert)]
            assert not asserts, f"{nbgrader_meta(cell)['grade_id']}: use gradschool.checks, not assert"


@pytest.mark.skipif(not SYLLABUS.exists(), reason="../shared/SYLLABUS.md is not beside this checkout")
def test_the_contract_table_matches_the_syllabus():
    text = SYLLABUS.read_text()
    for chapter, names in GRADED.items():
        row = next((line for line in text.splitlines() if line.startswith(f"| `{chapter}`")), "")
        assert row, f"{chapter} is not in SYLLABUS.md"
        for name in names:
            # "their `_backward(dout, cache)`" names maxpool2d_backward through maxpool2d_forward.
            counterpart = name.endswith("_backward") and name.replace("_backward", "_forward") in row and "`_backward" in row
            assert name in row or counterpart, f"{name} not in SYLLABUS row {chapter}"
