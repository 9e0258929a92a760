"""Argument checks shared by the loaders: each raises a ValueError that says what to pass."""

from __future__ import annotations

import numbers


def check_int(name: str, value, minimum: int) -> int:
    """Return ``value`` as an int, or raise if it is not a whole number >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def check_float(name: str, value, minimum: float = 0.0, positive: bool = False) -> float:
    """Return ``value`` as a float, or raise if it is not a number >= ``minimum``
    (> ``minimum`` when ``positive``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if value != value or (value <= minimum if positive else value < minimum):
        bound = f"> {minimum}" if positive else f">= {minimum}"
        raise ValueError(f"{name} must be {bound}, got {value}")
    return value


def check_choice(name: str, value, choices) -> str:
    """Return ``value`` if it is one of ``choices``, or raise naming the valid ones."""
    if value not in choices:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {valid}; got {value!r}")
    return value
