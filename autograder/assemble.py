"""Step 2, assemble: read a submitted notebook defensively and build the notebook we will run.

What runs is the instructor's notebook (from ``solutions/``, hidden tests included) with only
the student's *answer cells* and the student's own extra cells put in. Every test cell, locked
cell and demo comes from the instructor, so an edited, deleted or duplicated test cannot help;
each such change is still reported as tampering (nbgrader's checksums tell what was changed).
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.utils import compute_checksum

from autograder.cells import graded_functions, is_answer_cell, nbgrader_meta

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024


class InvalidNotebook(Exception):
    """The file is not a notebook we can grade; the message says why and what to do."""


@dataclass
class Assembled:
    notebook: nbformat.NotebookNode
    tampering: dict[str, list[str]] = field(default_factory=dict)  # grade id -> what was changed
    notes: list[str] = field(default_factory=list)  # things worth saying that cost nothing


def load(path: Path) -> tuple[nbformat.NotebookNode, list[str]]:
    """The submission as an nbformat 4 notebook, or InvalidNotebook with a helpful message."""
    size = path.stat().st_size
    if size == 0:
        raise InvalidNotebook("the file is empty: save the notebook in Jupyter (File > Save) and submit it again")
    if size > MAX_NOTEBOOK_BYTES:
        raise InvalidNotebook(
            f"the notebook is {size / 1024**2:.0f} MB, over the {MAX_NOTEBOOK_BYTES // 1024**2} MB limit: "
            "clear the outputs (Edit > Clear Outputs of All Cells), save and submit again"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidNotebook(f"the file is not UTF-8 text (byte {error.start}): submit the .ipynb Jupyter saved, not a copy from another program") from None
    notes = []
    try:
        version = nbformat.reader.get_version(nbformat.reader.reads(text))[0]
        nb = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises several kinds for broken JSON
        raise InvalidNotebook(f"the file is not a readable notebook ({type(error).__name__}: {str(error)[:120]}): open it in Jupyter, save, and submit again") from None
    if version < 4:
        notes.append(f"converted from nbformat {version} to 4 before grading")
    return nb, notes


def _cells_by_grade_id(nb: nbformat.NotebookNode) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id:
            found.setdefault(grade_id, []).append(cell)
    return found


def find_tampering(release: nbformat.NotebookNode, submitted: nbformat.NotebookNode) -> dict[str, list[str]]:
    """Compare the student's graded cells with those they were given. grade id -> changes."""
    given = _cells_by_grade_id(release)
    got = _cells_by_grade_id(submitted)
    changes: dict[str, list[str]] = {}
    for grade_id, (original,) in given.items():
        meta = nbgrader_meta(original)
        copies = got.get(grade_id, [])
        if not copies:
            if meta.get("solution"):
                # A missing answer cell costs its tests; it is tampering only if its id was renamed.
                if got.keys() - given.keys():
                    changes.setdefault(grade_id, []).append("answer cell's grade id changed (the answer was not graded)")
                continue
            changes.setdefault(grade_id, []).append("cell deleted (restored)")
            continue
        if len(copies) > 1:
            changes.setdefault(grade_id, []).append(f"grade id used by {len(copies)} cells (duplicates ignored)")
        cell = copies[0]
        if cell["cell_type"] != original["cell_type"]:
            changes.setdefault(grade_id, []).append(f"cell type changed to {cell['cell_type']} (restored)")
        their = nbgrader_meta(cell)
        if their.get("points") != meta.get("points"):
            changes.setdefault(grade_id, []).append(f"points changed from {meta.get('points')} to {their.get('points')} (restored)")
        if bool(their.get("grade")) != bool(meta.get("grade")) or bool(their.get("solution")) != bool(meta.get("solution")):
            changes.setdefault(grade_id, []).append("nbgrader cell kind changed (restored)")
        if meta.get("locked") and compute_checksum(cell) != meta.get("checksum"):
            changes.setdefault(grade_id, []).append("locked cell edited (restored)")
    for grade_id in got.keys() - given.keys():
        changes.setdefault(grade_id, []).append("unknown grade id (a renamed or invented graded cell; ignored)")
    return changes


REFERENCE_PACKAGE = "gradschool.reference"


def _is_reference(module: str) -> bool:
    return module == REFERENCE_PACKAGE or module.startswith(REFERENCE_PACKAGE + ".")


def _reference_bindings(tree: ast.AST) -> tuple[set[str], dict[str, str]]:
    """What imports in ``tree`` bind from ``gradschool.reference``.

    Returns (names bound to reference *modules*, {local name: imported function name}).
    """
    modules: set[str] = set()
    members: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_reference(alias.name):
                    modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                local = alias.asname or alias.name
                if node.module == REFERENCE_PACKAGE or (node.module == "gradschool" and alias.name == "reference"):
                    modules.add(local)
                elif _is_reference(node.module):
                    members[local] = alias.name
    return modules, members


def _dotted(node: ast.AST) -> list[str]:
    """``a.b.c`` as ["a", "b", "c"]; [] when the chain does not start at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else []


def _parse(source: str) -> ast.AST | None:
    try:
        return ast.parse(source)
    except SyntaxError:  # IPython magics, or a student's syntax error: the run will say so
        return None


def find_reference_use(source: nbformat.NotebookNode, submitted: nbformat.NotebookNode) -> dict[str, list[str]]:
    """Answer cells that take this chapter's graded answers from the course's reference code.

    ``gradschool.reference`` holds every chapter's answers: later chapters build on earlier ones
    (chapter 05 is given chapter 04's ``linear_forward``, which is fine) and widgets draw with
    them. Taking *this* chapter's graded names from it (``return reference.sigmoid(x)`` in 02)
    would pass every test. Flagged, per answer cell: ``<reference module>.<graded name>``,
    ``getattr`` on a reference module, a graded name imported from it (in any student cell), and
    the dotted name ``gradschool.reference`` in a string (as ``importlib`` wants). A static check:
    it catches the honest shortcut, not a determined obfuscation (the README says so).
    Returns grade id -> what was found.
    """
    graded = set(graded_functions(source))
    instructor = [_parse(c["source"]) for c in source.cells if c["cell_type"] == "code" and not is_answer_cell(c)]
    own = [_parse(c["source"]) for c in submitted.cells if c["cell_type"] == "code" and not nbgrader_meta(c)]
    answers = [(nbgrader_meta(c)["grade_id"], _parse(c["source"])) for c in submitted.cells if is_answer_cell(c)]
    modules: set[str] = set()
    members: dict[str, str] = {}
    for tree in [*instructor, *own, *(tree for _id, tree in answers)]:
        if tree is not None:
            found_modules, found_members = _reference_bindings(tree)
            modules |= found_modules
            members.update(found_members)
    borrowed = {local for local, name in members.items() if name in graded}
    found: dict[str, list[str]] = {}
    for grade_id, tree in answers:
        if tree is None:
            continue
        uses = set()
        for node in ast.walk(tree):
            chain = _dotted(node) if isinstance(node, ast.Attribute) else []
            if chain and chain[-1] in graded and (chain[0] in modules or "reference" in chain[:-1]):
                uses.add(".".join(chain))
            elif isinstance(node, ast.Name) and node.id in borrowed:
                uses.add(f"{node.id} imported from {REFERENCE_PACKAGE}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
                    and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in modules:
                uses.add(f"getattr({node.args[0].id}, ...)")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and REFERENCE_PACKAGE in node.value:
                uses.add(repr(node.value))
        if uses:
            found[grade_id] = [
                f"the answer takes the course's reference implementation ({', '.join(sorted(uses))}) "
                "instead of your own code: write it yourself (no points for this answer's tests)"
            ]
    return found


def assemble(source: nbformat.NotebookNode, release: nbformat.NotebookNode, submitted: nbformat.NotebookNode) -> Assembled:
    """The instructor's notebook with the student's answers and extra cells in place."""
    result = Assembled(copy.deepcopy(source), tampering=find_tampering(release, submitted))
    for grade_id, changes in find_reference_use(source, submitted).items():
        result.tampering.setdefault(grade_id, []).extend(changes)
    kernel = submitted.metadata.get("kernelspec", {}).get("name", "python3")
    if kernel != "python3":
        result.notes.append(f"the notebook asked for kernel {kernel!r}; graded with python3")

    answers = {}
    for cell in submitted.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id and is_answer_cell(cell) and cell["cell_type"] == "code" and grade_id not in answers:
            answers[grade_id] = cell["source"]
    for cell in result.notebook.cells:
        if is_answer_cell(cell):
            name = nbgrader_meta(cell)["grade_id"]
            cell["source"] = answers.get(name, "raise NotImplementedError('this answer cell is missing from the submission')")
        cell["outputs"] = [] if cell["cell_type"] == "code" else cell.get("outputs", [])

    # The student's own code cells (helpers they wrote) go in after the cell they followed.
    source_ids = {cell.get("id") for cell in source.cells}
    position = {cell.get("id"): index for index, cell in enumerate(result.notebook.cells)}
    inserts: list[tuple[int, int, dict]] = []
    anchor = -1
    for order, cell in enumerate(submitted.cells):
        if cell.get("id") in source_ids:
            anchor = position[cell.get("id")]
        elif cell["cell_type"] == "code" and not nbgrader_meta(cell):
            extra = nbformat.v4.new_code_cell(cell["source"])
            inserts.append((anchor, order, extra))
    for anchor, _order, extra in sorted(inserts, key=lambda item: (item[0], item[1]), reverse=True):
        result.notebook.cells.insert(anchor + 1, extra)
    return result
