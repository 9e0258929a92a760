"""Step 4, judge: decide each test cell outside the student's process.

Before a test cell runs in the student's kernel, :func:`withhold_expected` rewrites it: every
``expected=`` argument becomes ``None``, and the oracle code that only fed those arguments is
removed, so the kernel never computes a right answer it could copy. The checks then run in judge
mode and only *publish* the student's values (``gradschool.checks.RECORD_MIME``).

:func:`judge_cell` compares those records with the records the solution notebook published for
the same cell (run beforehand through the very same rewrite): same check ids, and each value
equal or close under the solution's own tolerance. The student's process can publish anything it
likes; it cannot know the values it would have to publish.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import numpy as np

from gradschool.checks import RECORD_MIME
from gradschool.serialise import from_plain

# A student's right answer and the solution can each be within tolerance of the oracle on
# opposite sides; twice the tolerance between them covers that (triangle inequality).
TOLERANCE_SLACK = 2.0


class _WithholdExpected(ast.NodeTransformer):
    def visit_Call(self, node: ast.Call) -> ast.Call:
        self.generic_visit(node)
        for keyword in node.keywords:
            if keyword.arg == "expected":
                keyword.value = ast.Constant(None)
        return node


def _names_read(tree: ast.AST, skip: ast.AST | None = None) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if node is skip:
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            names.add(node.id)
    return names


def _removable(statement: ast.stmt, still_read: set[str]) -> bool:
    """An assignment or definition whose every name is read nowhere else, and that calls nothing
    from the student's answer... we cannot know that, so: only targets that are plain names."""
    if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
        return statement.name not in still_read
    if isinstance(statement, ast.Assign) and all(isinstance(t, ast.Name) for t in statement.targets):
        return all(t.id not in still_read for t in statement.targets)
    return False


def _prune(body: list[ast.stmt], read: set[str]) -> list[ast.stmt]:
    kept = []
    for statement in body:
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(statement, field, None)
            if isinstance(inner, list) and inner and not isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
                pruned = _prune(inner, read)
                setattr(statement, field, pruned or [ast.Pass()])
        if not _removable(statement, read):
            kept.append(statement)
    return kept


def withhold_expected(source: str) -> str:
    """The test cell as the student's kernel runs it in judge mode (see module docstring).

    Assignments and definitions left unread once the ``expected=`` values are gone are removed,
    repeatedly, so that ``_want = _oracle(z)`` and ``def _oracle`` disappear with them. Oracles
    still used elsewhere (``checks.replaced(globals(), f=_oracle_f)``) stay: they are inputs.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    tree = _WithholdExpected().visit(tree)
    while True:
        read = _names_read(tree)
        before = ast.dump(tree)
        tree.body = _prune(tree.body, read)
        if ast.dump(tree) == before:
            break
    return ast.unparse(ast.fix_missing_locations(tree))


def records_in(outputs: list[dict]) -> list[dict]:
    """The check records a cell published, in order."""
    return [o["data"][RECORD_MIME] for o in outputs if o.get("output_type") == "display_data" and RECORD_MIME in o.get("data", {})]


@dataclass
class Verdict:
    passed: bool
    message: str = ""


def _close(got, want, settings: dict) -> bool:
    got, want = from_plain(got), from_plain(want)
    try:
        got_arr = np.asarray(got, dtype=float)
        want_arr = np.asarray(want, dtype=float)
    except (TypeError, ValueError):
        return False
    if got_arr.shape != want_arr.shape:
        return False
    if settings.get("check_dtype") and isinstance(got, np.ndarray) and isinstance(want, np.ndarray) and got.dtype != want.dtype:
        return False
    rtol = settings.get("rtol", 1e-7) * TOLERANCE_SLACK
    atol = settings.get("atol", 1e-10) * TOLERANCE_SLACK
    return bool(np.allclose(got_arr, want_arr, rtol=rtol, atol=atol, equal_nan=True))


def _equal(got, want) -> bool:
    got, want = from_plain(got), from_plain(want)
    if isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        got_arr, want_arr = np.asarray(got), np.asarray(want)
        return got_arr.shape == want_arr.shape and bool(np.all(got_arr == want_arr))
    return got == want


def judge_cell(expected: list[dict], published: list[dict]) -> Verdict:
    """Every record the solution published must be matched, in order, by the student's."""
    by_id: dict[str, list[dict]] = {}
    for record in published:
        if isinstance(record, dict) and isinstance(record.get("check_id"), str):
            by_id.setdefault(record["check_id"], []).append(record)
    seen: dict[str, int] = {}
    for want in expected:
        check_id = want["check_id"]
        index = seen.get(check_id, 0)
        seen[check_id] = index + 1
        candidates = by_id.get(check_id, [])
        if index >= len(candidates):
            return Verdict(False, f"check {check_id} did not run (the cell stopped before it)")
        got = candidates[index].get("got")
        same = _close(got, want["got"], want.get("settings", {})) if want["kind"] == "close" else _equal(got, want["got"])
        if not same:
            return Verdict(False, f"check {check_id} failed: your value differs from the expected one")
    return Verdict(True)
