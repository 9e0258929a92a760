"""gradschool.checks: every failure message says what was expected, what came back, and a hint."""

import json

import numpy as np
import pytest

from gradschool import checks
from gradschool.serialise import from_plain, to_plain


def failure(fn, *args, **kwargs) -> str:
    with pytest.raises(checks.CheckFailure) as caught:
        fn(*args, **kwargs)
    return str(caught.value)


def test_close_passes_within_tolerance():
    checks.check_close("t/ok", np.array([1.0, 2.0]), expected=np.array([1.0, 2.0 + 1e-12]))
    checks.check_close("t/scalar", 0.5, expected=np.float64(0.5))
    checks.check_close("t/inf", np.array([np.inf, -np.inf]), expected=np.array([np.inf, -np.inf]))


def test_close_reports_first_difference_and_errors():
    message = failure(
        checks.check_close, "sig/v/basic", np.array([0.5, 0.7, 0.9]), expected=np.array([0.5, 0.75, 0.9]), hint="look at exp"
    )
    assert "[check sig/v/basic]" in message
    assert "first wrong entry at index (1,): expected 0.75, got 0.7" in message
    assert "max abs error 0.05" in message
    assert "1 of 3 entries wrong" in message
    assert "Hint: look at exp" in message


def test_close_reports_shape_mismatch_without_broadcasting():
    message = failure(checks.check_close, "x", np.zeros((3, 1)), expected=np.zeros(3))
    assert "expected shape (3,), got shape (3, 1)" in message


def test_close_nan_is_never_equal():
    message = failure(checks.check_close, "x", np.array([np.nan]), expected=np.array([1.0]))
    assert "NaN or inf" in message


def test_close_none_says_missing_return():
    message = failure(checks.check_close, "x", None, expected=1.0)
    assert "did you forget a `return`?" in message


def test_close_checks_dtype_when_asked():
    message = failure(checks.check_close, "x", np.array([1, 2]), expected=np.array([1.0, 2.0]), check_dtype=True)
    assert "expected float64, got int64" in message


def test_equal_lists_and_arrays():
    checks.check_equal("e", [1, 2, 3], expected=[1, 2, 3])
    checks.check_equal("e", np.array([1, 0]), expected=np.array([1, 0]))
    assert "expected: [1, 2]" in failure(checks.check_equal, "e", [1, 3], expected=[1, 2])
    assert "index (1,)" in failure(checks.check_equal, "e", np.array([1, 3]), expected=np.array([1, 2]))


def test_true_shape_unchanged():
    checks.check_true("t", 1 + 1 == 2, message="arithmetic")
    assert "must be positive" in failure(checks.check_true, "t", False, message="must be positive")
    checks.check_shape("s", np.zeros((2, 3)), expected=(2, 3))
    assert "expected shape (2, 3)" in failure(checks.check_shape, "s", np.zeros(6), expected=(2, 3))
    a = np.arange(3.0)
    assert "modified in place" in failure(checks.check_unchanged, "u", a, a + 1)


def test_clean_catches_overflow_warning_and_nan():
    def overflowing(z):
        return 1 / (1 + np.exp(-z))

    message = failure(checks.check_clean, "c", overflowing, np.array([-1000.0]))
    assert "RuntimeWarning" in message and "overflow" in message
    assert "NaN or inf" in failure(checks.check_clean, "c", lambda: np.array([np.nan]))
    assert checks.check_clean("c", lambda z: z * 2, 3.0) == 6.0


def test_gradient_check_accepts_right_and_rejects_wrong():
    x = np.random.default_rng(0).normal(size=(3, 2))
    checks.check_gradient("g", 2 * x, f=lambda v: float(np.sum(v**2)), x=x)
    message = failure(checks.check_gradient, "g", x, f=lambda v: float(np.sum(v**2)), x=x)
    assert "disagrees with the numerical gradient" in message


def test_replaced_restores_names():
    namespace = {"f": 1}
    with checks.replaced(namespace, f=2, g=3):
        assert namespace == {"f": 2, "g": 3}
    assert namespace == {"f": 1}


def test_checker_frames_are_hidden_from_tracebacks():
    assert checks.check_close.__code__.co_varnames[: checks.check_close.__code__.co_argcount]
    source = open(checks.__file__).read()
    for name in ("check_close", "check_equal", "check_true", "check_shape", "check_clean", "check_gradient", "_fail"):
        body = source.split(f"def {name}(")[1].split("\ndef ")[0]
        assert "__tracebackhide__ = True" in body, name


def test_judge_mode_records_got_and_compares_nothing(monkeypatch):
    records = []
    monkeypatch.setenv("GRADSCHOOL_JUDGE", "1")
    monkeypatch.setattr(checks, "_publish", records.append)
    checks.check_close("a", np.array([1.0, 2.0]), expected=None, rtol=1e-6)
    checks.check_equal("b", [1, 2], expected=None)
    checks.check_true("c", False, message="m")
    assert [r["check_id"] for r in records] == ["a", "b", "c"]
    assert records[0]["kind"] == "close" and records[0]["settings"]["rtol"] == 1e-6
    np.testing.assert_array_equal(from_plain(records[0]["got"]), [1.0, 2.0])
    assert records[2]["got"] is False
    json.dumps(records)  # plain data only


@pytest.mark.parametrize(
    "value",
    [1, 2.5, float("nan"), float("inf"), "s", None, True, [1, [2.0, "x"]], np.arange(6).reshape(2, 3),
     np.array([1.5, np.nan], dtype=np.float32), np.array(3.0), np.array([True, False])],
)
def test_serialise_round_trip_is_exact(value):
    back = from_plain(json.loads(json.dumps(to_plain(value))))
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        np.testing.assert_array_equal(back, value)
    elif isinstance(value, float) and np.isnan(value):
        assert np.isnan(back)
    else:
        assert back == value


def test_serialise_never_executes_objects():
    class Sneaky:
        def __repr__(self):
            return "sneaky"

    assert from_plain(to_plain(Sneaky())) == {"__repr__": "sneaky"}
