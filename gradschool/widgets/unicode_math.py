"""Symbols for widget pictures in plain Unicode (x₁, hₜ, 10⁻³), not Matplotlib mathtext ($x_1$).

Every redraw of a widget is a new figure, and Matplotlib parses every mathtext string again for
each new figure (its parse cache belongs to one renderer): several milliseconds per label, per
redraw. Unicode text costs nothing to parse, and DejaVu Sans, Matplotlib's default font, has
every character used here.
"""

from __future__ import annotations

import math

_SUBSCRIPT = str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋")
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def sub(name: str, index: int) -> str:
    """``sub("x", 12) == "x₁₂"``."""
    return name + str(index).translate(_SUBSCRIPT)


def power_of_ten(value: float, _position: int | None = None) -> str:
    """A log axis's tick label (a ``FuncFormatter``): ``"10⁻³"`` for 1e-3; other values as ``"5e-03"``."""
    if not value > 0:
        return ""
    exponent = round(math.log10(value))
    if abs(value / 10.0**exponent - 1.0) > 1e-6:
        return f"{value:.1g}"
    return "10" + str(exponent).translate(_SUPERSCRIPT)
