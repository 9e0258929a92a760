"""Turn check values into plain JSON data and back, exactly (arrays keep dtype, shape and bits).

The kernel sends a student's values to the autograder with :func:`to_plain`; the grader reads
them with :func:`from_plain`. Only data crosses: numbers, strings, booleans, None, lists and
NumPy arrays. Anything else is sent as its ``repr`` so that a strange return value is reported,
not executed.
"""

from __future__ import annotations

import base64
import math
from typing import Any

import numpy as np

_ARRAY = "__ndarray__"
_FLOAT = "__float__"
_OTHER = "__repr__"
_MAX_ELEMENTS = 1_000_000  # a check never needs more; a bigger value is cut to its description


def to_plain(value: Any) -> Any:
    """A JSON-serialisable form of ``value``."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else {_FLOAT: repr(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc" and value.size <= _MAX_ELEMENTS:
        data = np.array(value, order="C", copy=True)  # ascontiguousarray would make 0-d arrays 1-d
        return {
            _ARRAY: {
                "dtype": data.dtype.str,
                "shape": list(data.shape),
                "data": base64.b64encode(data.tobytes()).decode("ascii"),
            }
        }
    text = repr(value)
    return {_OTHER: text[:200]}


def from_plain(value: Any) -> Any:
    """Inverse of :func:`to_plain` (tuples come back as lists; unknown objects as a marker dict)."""
    if isinstance(value, list):
        return [from_plain(v) for v in value]
    if isinstance(value, dict):
        if _ARRAY in value:
            spec = value[_ARRAY]
            raw = base64.b64decode(spec["data"])
            return np.frombuffer(raw, dtype=np.dtype(spec["dtype"])).reshape(tuple(spec["shape"])).copy()
        if _FLOAT in value:
            return float(value[_FLOAT])
        return value
    return value
