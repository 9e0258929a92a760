"""Checks that visible and hidden tests call.

Every check has three parts:

* a stable ``check_id`` (``"sigmoid/hidden/extremes"``): the autograder records results under it;
* the student's value ``got``, as plain data (numbers, arrays, strings, lists of them);
* the ``expected`` value, always passed by keyword, so that the autograder can strip it from the
  test cell and judge ``got`` in its own process (see ``autograder``'s judge step).

A failing check raises :class:`CheckFailure` (an ``AssertionError``) whose message says what was
expected, what came back (shape, dtype, first differing entry, max error) and a hint from the test
author. Frames of this module are hidden from the student's traceback (``__tracebackhide__``).

Judge mode: when the environment variable ``GRADSCHOOL_JUDGE`` is ``"1"`` the checks compare
nothing; they publish ``got`` (and the comparison settings) as a display output of MIME type
:data:`RECORD_MIME`, and the grader compares outside the kernel. Nothing a student does inside
the kernel can then turn a wrong value into a right one.
"""

from __future__ import annotations

import math
import os
import warnings
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import numpy as np

from gradschool.serialise import to_plain

RECORD_MIME = "application/vnd.gradschool.check+json"

__all__ = [
    "CheckFailure",
    "RECORD_MIME",
    "check_close",
    "check_equal",
    "check_true",
    "check_shape",
    "check_clean",
    "check_gradient",
    "check_unchanged",
    "judge_mode",
    "replaced",
]


class CheckFailure(AssertionError):
    """A test found a wrong answer. The message is written for the student."""


def judge_mode() -> bool:
    """True when values are sent to the autograder instead of compared here."""
    return os.environ.get("GRADSCHOOL_JUDGE") == "1"


# --------------------------------------------------------------------------- recording


def _publish(record: dict) -> None:
    """Send one check record out of the kernel as a display output (judge mode only)."""
    from IPython.display import display

    display({RECORD_MIME: record}, raw=True)


def _record(kind: str, check_id: str, got: Any, **settings: Any) -> None:
    _publish({"check_id": check_id, "kind": kind, "got": to_plain(got), "settings": settings})


# --------------------------------------------------------------------------- describing values


def _describe(value: Any) -> str:
    """A one-line description of a value: its type, shape and dtype, never its full contents."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}, dtype {value.dtype}"
    if isinstance(value, (bool, np.bool_)):
        return f"bool {bool(value)}"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return f"{type(value).__name__} {value!r}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__} of length {len(value)}"
    if value is None:
        return "None (did you forget a `return`?)"
    return type(value).__name__


def _fail(check_id: str, what: str, lines: list[str], hint: str) -> None:
    __tracebackhide__ = True
    text = [f"{what}  [check {check_id}]"]
    text += [f"  {line}" for line in lines]
    if hint:
        text.append(f"Hint: {hint}")
    raise CheckFailure("\n".join(text))


def _as_array(value: Any) -> np.ndarray | None:
    """``value`` as a numeric array, or None when it is not numeric data."""
    if isinstance(value, (str, bytes, dict)) or value is None:
        return None
    try:
        arr = np.asarray(value)
    except Exception:  # ragged lists and the like
        return None
    if arr.dtype.kind not in "biuf":
        return None
    return arr


def _first_difference(got: np.ndarray, expected: np.ndarray, bad: np.ndarray) -> str:
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    where = index if got.ndim else "()"
    return f"first wrong entry at index {where}: expected {_number(expected[index])}, got {_number(got[index])}"


def _number(value: Any) -> str:
    """A NumPy scalar as the student would write it (``0.75``, not ``np.float64(0.75)``)."""
    return repr(value.item()) if hasattr(value, "item") else repr(value)


# --------------------------------------------------------------------------- checks


def check_close(
    check_id: str,
    got: Any,
    *,
    expected: Any,
    rtol: float = 1e-7,
    atol: float = 1e-10,
    name: str = "result",
    hint: str = "",
    check_dtype: bool = False,
) -> None:
    """Numbers or arrays equal within ``|got - expected| <= atol + rtol * |expected|``.

    Shapes must match exactly (no broadcasting). NaN never equals anything. With
    ``check_dtype`` the dtype must also match (``float64`` results in Part I).
    """
    __tracebackhide__ = True
    if judge_mode():
        _record("close", check_id, got, rtol=rtol, atol=atol, check_dtype=check_dtype)
        return
    expected_arr = np.asarray(expected, dtype=float)
    got_arr = _as_array(got)
    if got_arr is None:
        _fail(check_id, f"{name} should be numbers", [f"expected: {_describe(expected)}", f"got:      {_describe(got)}"], hint)
    if got_arr.shape != expected_arr.shape:
        _fail(
            check_id,
            f"{name} has the wrong shape",
            [f"expected shape {expected_arr.shape}, got shape {got_arr.shape}", f"got: {_describe(got)}"],
            hint,
        )
    if check_dtype and isinstance(expected, np.ndarray) and got_arr.dtype != expected.dtype:
        _fail(check_id, f"{name} has the wrong dtype", [f"expected {expected.dtype}, got {got_arr.dtype}"], hint)
    got_f = got_arr.astype(float)
    with np.errstate(all="ignore"):
        error = np.abs(got_f - expected_arr)
        bad = ~(error <= atol + rtol * np.abs(expected_arr))
    bad |= np.isnan(got_f) != np.isnan(expected_arr)
    both_inf_equal = np.isinf(got_f) & (got_f == expected_arr)
    bad &= ~both_inf_equal
    if not bad.any():
        return
    with np.errstate(all="ignore"):
        finite = np.isfinite(error)
        max_abs = float(np.max(error)) if error.size else 0.0
        rel = error / np.maximum(np.abs(expected_arr), 1e-300)
        max_rel = float(np.max(rel)) if rel.size else 0.0
    lines = [
        f"expected: {_describe(expected)}",
        f"got:      {_describe(got)}",
        _first_difference(got_f, expected_arr, bad),
        f"{int(bad.sum())} of {bad.size} entries wrong; max abs error {max_abs:.3g}, max rel error {max_rel:.3g}"
        + ("" if finite.all() else " (your result has NaN or inf)"),
        f"tolerance: atol={atol:g}, rtol={rtol:g}",
    ]
    _fail(check_id, f"{name} is not close enough to the expected value", lines, hint)


def check_equal(check_id: str, got: Any, *, expected: Any, name: str = "result", hint: str = "") -> None:
    """Exactly equal: integers, strings, booleans, shapes, integer arrays, lists of them."""
    __tracebackhide__ = True
    if judge_mode():
        _record("equal", check_id, got)
        return
    if isinstance(expected, np.ndarray) or isinstance(got, np.ndarray):
        got_arr, expected_arr = np.asarray(got), np.asarray(expected)
        if got_arr.shape != expected_arr.shape:
            _fail(check_id, f"{name} has the wrong shape", [f"expected shape {expected_arr.shape}, got shape {got_arr.shape}"], hint)
        bad = got_arr != expected_arr
        if np.any(bad):
            lines = [_first_difference(got_arr, expected_arr, np.asarray(bad)), f"{int(np.sum(bad))} of {bad.size} entries differ"]
            _fail(check_id, f"{name} is wrong", lines, hint)
        return
    if not _plain_equal(got, expected):
        _fail(check_id, f"{name} is wrong", [f"expected: {expected!r}", f"got:      {got!r}"], hint)


def _plain_equal(got: Any, expected: Any) -> bool:
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(got, (list, tuple, np.ndarray))
            and len(got) == len(expected)
            and all(_plain_equal(g, e) for g, e in zip(got, expected))
        )
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(got, (float, np.floating)) and math.isnan(got)
    try:
        return bool(got == expected)
    except Exception:  # e.g. comparing an array with a list of another length
        return False


def check_true(check_id: str, condition: Any, *, message: str, hint: str = "") -> None:
    """A property that must hold (``condition`` truthy), with the message to show when it does not."""
    __tracebackhide__ = True
    ok = bool(condition)
    if judge_mode():
        _record("true", check_id, ok)
        return
    if not ok:
        _fail(check_id, message, [], hint)


def check_shape(check_id: str, got: Any, *, expected: tuple, name: str = "result", hint: str = "") -> None:
    """``got`` is an array (or number, shape ``()``) of exactly this shape."""
    __tracebackhide__ = True
    shape = tuple(np.shape(got)) if _as_array(got) is not None else None
    if judge_mode():
        _record("equal", check_id, list(shape) if shape is not None else None)
        return
    if shape != tuple(expected):
        _fail(check_id, f"{name} has the wrong shape", [f"expected shape {tuple(expected)}", f"got:   {_describe(got)}"], hint)


def check_clean(check_id: str, fn: Callable[..., Any], *args: Any, name: str = "result", hint: str = "", **kwargs: Any) -> Any:
    """Call ``fn(*args, **kwargs)`` and require no warning (overflow, 0/0, invalid...) and no NaN/inf.

    Returns what ``fn`` returned, so the caller can go on checking it.
    """
    __tracebackhide__ = True
    # Underflow to 0.0 is the right answer of a stable exp(-1000), not a problem: NumPy's default.
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        result = fn(*args, **kwargs)
    problems = [f"{w.category.__name__}: {w.message}" for w in caught]
    arr = _as_array(result)
    if arr is not None and not np.all(np.isfinite(arr)):
        bad = ~np.isfinite(arr)
        problems.append(f"{int(bad.sum())} of {bad.size} entries are NaN or inf")
    if judge_mode():
        _record("true", check_id, not problems)
        return result
    if problems:
        _fail(check_id, f"{name} must be finite and raise no warning", problems[:5], hint)
    return result


def check_unchanged(check_id: str, before: Any, after: Any, *, name: str = "the input", hint: str = "") -> None:
    """An input was not modified in place (compare a copy taken before the call)."""
    __tracebackhide__ = True
    same = np.array_equal(np.asarray(before), np.asarray(after), equal_nan=True)
    if judge_mode():
        _record("true", check_id, bool(same))
        return
    if not same:
        _fail(
            check_id,
            f"{name} was modified in place",
            ["functions must not change their inputs; work on a copy (`x = x.copy()`) or build a new array"],
            hint,
        )


def _numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x`` (any shape), in float64."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        plus = float(f(x))
        x[index] = original - h
        minus = float(f(x))
        x[index] = original
        grad[index] = (plus - minus) / (2 * h)
    return grad


def check_gradient(
    check_id: str,
    analytic: Any,
    *,
    f: Callable[[np.ndarray], float],
    x: np.ndarray,
    h: float = 1e-6,
    tol: float = 1e-6,
    name: str = "gradient",
    hint: str = "",
) -> None:
    """An analytic gradient agrees with central differences of ``f`` at ``x``.

    The error is the CS231n relative error ``max |a - n| / max(1e-8, |a| + |n|)``; around 1e-8 is
    typical for a right gradient in float64, above ``tol`` almost always means a bug.

    Use it in visible tests, where it teaches. Hidden tests grade with :func:`check_close` against
    an ``expected=`` oracle, because in judge mode only ``expected=`` is withheld from the kernel.
    """
    __tracebackhide__ = True
    numeric = _numerical_gradient(f, x, h)
    if judge_mode():
        # Judged like any other close check: the grader compares against the solution's gradient.
        _record("close", check_id, analytic, rtol=1e-5, atol=1e-7, check_dtype=False)
        return
    got_arr = _as_array(analytic)
    if got_arr is None or got_arr.shape != numeric.shape:
        _fail(check_id, f"{name} has the wrong shape", [f"expected shape {numeric.shape}, got {_describe(analytic)}"], hint)
    with np.errstate(all="ignore"):
        rel = np.abs(got_arr - numeric) / np.maximum(1e-8, np.abs(got_arr) + np.abs(numeric))
    worst = float(np.nanmax(rel)) if rel.size else 0.0
    if np.isnan(rel).any() or worst > tol:
        bad = ~(rel <= tol)
        lines = [
            f"relative error {worst:.3g} (a right gradient is around 1e-8; tolerance {tol:g})",
            _first_difference(got_arr.astype(float), numeric, bad).replace("expected", "numerical"),
        ]
        _fail(check_id, f"{name} disagrees with the numerical gradient", lines, hint)


@contextmanager
def replaced(namespace: dict, **objects: Any) -> Iterator[None]:
    """Temporarily rebind names in ``namespace`` (pass the notebook's ``globals()``).

    Tests of a function ``g`` that calls another graded function ``f`` run ``g`` with a correct
    ``f`` (``with replaced(globals(), f=_oracle_f): ...``) so that one bug costs one grade.
    """
    missing = object()
    saved = {name: namespace.get(name, missing) for name in objects}
    namespace.update(objects)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value
