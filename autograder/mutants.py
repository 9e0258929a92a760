"""Graders are tested like code: run every mutant and correct variant against a chapter's tests.

``tests/mutants/<chapter>/<grade_id>/wrong_*.py`` are plausible wrong answer cells; ``right_*.py``
correct but different ones. For speed, one kernel per chapter: the solution notebook runs once
top to bottom, then for each variant we redefine the graded function with the variant's source,
re-run the test cells it can affect, and restore the solution's definition.

A variant's verdict:
* wrong: *killed* when at least one of its own function's test cells fails;
* right: *passes* when all of its own function's test cells pass;
* and in both cases no other function's test cell may change (the chapter's tests isolate
  functions from each other with ``checks.replaced``; a test cell that mentions the name
  without isolating it is re-run to prove it).

Run ``python -m autograder mutants 01_neuron`` for a table.
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.cells import REPO, graded_functions, read, source_path
from autograder.judge import judge_cell, records_in, withhold_expected
from autograder.kernel import Kernel

MUTANTS = REPO / "tests" / "mutants"
CELL_TIMEOUT = 120
VARIANT_FACTOR = 4
VARIANT_SLACK_S = 5


@dataclass
class Variant:
    chapter: str
    function: str
    path: Path

    @property
    def kind(self) -> str:
        return "wrong" if self.path.name.startswith("wrong_") else "right"

    @property
    def label(self) -> str:
        return f"{self.function}/{self.path.stem}"


@dataclass
class VariantResult:
    variant: Variant
    own_failed: list[str] = field(default_factory=list)  # grade ids of own test cells that failed
    own_total: int = 0
    others_changed: list[str] = field(default_factory=list)  # other functions' test cells that failed
    details: dict[str, str] = field(default_factory=dict)  # grade id -> what the failure said

    @property
    def ok(self) -> bool:
        """Did the graders judge this variant the way they must?"""
        if self.others_changed:
            return False
        if self.variant.kind == "wrong":
            return bool(self.own_failed)
        return not self.own_failed


def variants(chapter: str) -> list[Variant]:
    """All mutant and correct-variant files of a chapter, sorted."""
    folder = MUTANTS / chapter
    found = []
    for path in sorted(folder.glob("*/*.py")):
        if path.name.startswith(("wrong_", "right_")):
            found.append(Variant(chapter, path.parent.name, path))
    return found


def isolated_names(test_source: str) -> set[str]:
    """Names a test cell rebinds with ``replaced(globals(), name=...)``: it is immune to them."""
    names: set[str] = set()
    try:
        tree = ast.parse(test_source)
    except SyntaxError:
        return names
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called == "replaced":
                names.update(k.arg for k in node.keywords if k.arg)
    return names


def mentioned_names(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def affected_tests(nb: dict, function: str) -> list[int]:
    """Indices of every test cell whose result a change to ``function`` could change."""
    functions = graded_functions(nb)
    cells = nb["cells"]
    affected = list(functions[function].test_indices)
    for other in functions.values():
        if other.name == function:
            continue
        other_answer = cells[other.answer_index]["source"]
        for index in other.test_indices:
            source = cells[index]["source"]
            if function in isolated_names(source):
                continue
            if function in mentioned_names(source) or function in mentioned_names(other_answer):
                affected.append(index)
    return sorted(set(affected))


def run_chapter(chapter: str, only: list[str] | None = None, progress=print, judge: bool = False) -> list[VariantResult]:
    """Judge every variant of ``chapter``, or only those ``only`` names.

    An entry of ``only`` with a slash is an exact label (``relu/wrong_at_zero``); without one, a
    substring of the label (``relu`` also selects ``leaky_relu``'s variants).

    ``judge=True`` grades as the autograder does: test cells run with their ``expected=`` values
    withheld, the checks only publish values, and each test cell is judged outside the kernel
    against what the solution published. Every variant must be judged the same way in both modes.
    """
    nb = read(source_path(chapter))
    cells = nb["cells"]
    functions = graded_functions(nb)
    test_ids = {i: cells[i]["metadata"]["nbgrader"]["grade_id"] for f in functions.values() for i in f.test_indices}
    selected = [v for v in variants(chapter) if not only or any(_selects(o, v.label) for o in only)]
    results: list[VariantResult] = []
    env = {"NBGRADER_EXECUTION": "autograde", "MPLBACKEND": "Agg"}
    if judge:
        env["GRADSCHOOL_JUDGE"] = "1"
    kernel = Kernel(source_path(chapter).parent, env=env)
    expected: dict[int, list[dict]] = {}  # judge mode: what the solution published per test cell

    def source_of(index: int) -> str:
        return withhold_expected(cells[index]["source"]) if judge and index in test_ids else cells[index]["source"]

    def passed(index: int, run) -> bool:
        if not run.passed:
            return False
        if not judge or index not in test_ids:
            return True
        return judge_cell(expected[index], records_in(run.outputs)).passed

    seconds: dict[int, float] = {}  # how long each test cell took for the solution

    def run_baseline() -> None:
        kernel.start()
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            started = time.monotonic()
            run = kernel.run(source_of(index), timeout=CELL_TIMEOUT)
            seconds.setdefault(index, time.monotonic() - started)
            if judge and index in test_ids:
                expected.setdefault(index, records_in(run.outputs))
            if not run.passed:
                where = f"test cell {test_ids[index]}" if index in test_ids else f"code cell {index}"
                raise RuntimeError(f"{chapter}: the solution notebook fails at its {where}: {run.summary()}")

    run_baseline()
    try:
        for variant in selected:
            if variant.function not in functions:
                raise RuntimeError(f"{variant.path}: no graded function {variant.function!r} in {chapter}")
            result = VariantResult(variant, own_total=len(functions[variant.function].test_indices))
            own = set(functions[variant.function].test_indices)
            # Forget the solution's definition first, so a variant that defines nothing fails loudly.
            kernel.run(f"globals().pop({variant.function!r}, None)")
            defined = kernel.run(variant.path.read_text(), timeout=CELL_TIMEOUT)
            for index in affected_tests(nb, variant.function):
                # A variant gets a generous multiple of the solution's time: enough on a loaded
                # machine, short enough that an infinite loop costs seconds, not minutes.
                run = kernel.run(source_of(index), timeout=VARIANT_SLACK_S + VARIANT_FACTOR * seconds[index])
                if run.status == "dead":
                    kernel.shutdown()
                    run_baseline()
                    kernel.run(f"globals().pop({variant.function!r}, None)")
                    kernel.run(variant.path.read_text(), timeout=CELL_TIMEOUT)
                if not passed(index, run):
                    grade_id = test_ids[index]
                    why = run.summary() if run.status != "ok" else "judged wrong outside the kernel"
                    result.details[grade_id] = why if defined.passed else f"variant did not define: {defined.summary()}"
                    (result.own_failed if index in own else result.others_changed).append(grade_id)
            restored = kernel.run(cells[functions[variant.function].answer_index]["source"])
            if not restored.passed:
                kernel.shutdown()
                run_baseline()
            results.append(result)
            progress(format_row(result))
    finally:
        kernel.shutdown()
    return results


def _selects(pattern: str, label: str) -> bool:
    return pattern == label if "/" in pattern else pattern in label


def format_row(result: VariantResult) -> str:
    verdict = "ok  " if result.ok else "MISS"
    if result.variant.kind == "wrong":
        what = f"killed by {','.join(result.own_failed)}" if result.own_failed else "NOT KILLED"
    else:
        what = "full marks" if not result.own_failed else f"LOST {','.join(result.own_failed)}"
    if result.others_changed:
        what += f"; ALSO CHANGED {','.join(result.others_changed)}"
    return f"{verdict} {result.variant.label:<45} {what}"


def summary(results: list[VariantResult]) -> dict[str, float]:
    wrong = [r for r in results if r.variant.kind == "wrong"]
    right = [r for r in results if r.variant.kind == "right"]
    return {
        "mutants": len(wrong),
        "killed": sum(r.ok for r in wrong),
        "kill_rate": sum(r.ok for r in wrong) / len(wrong) if wrong else float("nan"),
        "correct": len(right),
        "passed": sum(r.ok for r in right),
        "pass_rate": sum(r.ok for r in right) / len(right) if right else float("nan"),
    }
