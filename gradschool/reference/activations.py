"""Reference activations (chapter 2): what later chapters and the widgets build on.

Every function here has the contract of the graded function of the same name in
``02_activations`` (see SYLLABUS.md):

* elementwise functions take any shape, Python floats and 0-d arrays, and return ``float64``;
* on inputs in ``[-1000, 1000]`` every result is finite and no floating-point warning is raised
  (not even for underflow: ``exp(-1000)`` rounding to ``0.0`` is the right answer, so it is
  computed under ``np.errstate(under="ignore")``);
* ``*_grad`` is the derivative with respect to the input ``z``; at ``z = 0`` ReLU's is 0 and
  leaky ReLU's is ``alpha``;
* inputs are never modified.

``ACTIVATIONS`` maps each elementwise name to its ``(function, derivative)`` pair.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "relu",
    "relu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "softmax",
    "ACTIVATIONS",
]


def _exp_minus_abs(z: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """``exp(-scale * |z|)``: always in ``(0, 1]``, so it can underflow to 0 but never overflow."""
    with np.errstate(under="ignore"):
        return np.exp(-scale * np.abs(z))


def sigmoid(z: Any) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-z))``, elementwise, in ``(0, 1)``.

    Stable two-branch form: with ``e = exp(-|z|)``, ``sigmoid(z) = 1 / (1 + e)`` for ``z >= 0``
    and ``e / (1 + e)`` for ``z < 0``; ``exp`` only ever sees non-positive numbers.

    z: any shape (or a Python float). Returns float64, same shape.
    """
    z = np.asarray(z, dtype=float)
    e = _exp_minus_abs(z)
    with np.errstate(under="ignore"):
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(z: Any) -> np.ndarray:
    """``d sigmoid / dz = sigmoid(z) * (1 - sigmoid(z))``, elementwise, at most 0.25 (at ``z = 0``).

    Written as ``e / (1 + e)**2`` with ``e = exp(-|z|)`` (the derivative is even in ``z``).

    z: any shape. Returns float64, same shape.
    """
    z = np.asarray(z, dtype=float)
    e = _exp_minus_abs(z)
    with np.errstate(under="ignore"):
        return e / (1.0 + e) ** 2


def tanh(z: Any) -> np.ndarray:
    """The hyperbolic tangent ``(e^z - e^-z) / (e^z + e^-z)``, elementwise, in ``(-1, 1)``.

    Stable form: ``sign(z) * (1 - e) / (1 + e)`` with ``e = exp(-2|z|)``; ``-expm1(-2|z|)`` gives
    ``1 - e`` without cancellation for tiny ``z``. (``np.tanh`` computes the same thing.)

    z: any shape. Returns float64, same shape.
    """
    z = np.asarray(z, dtype=float)
    e = _exp_minus_abs(z, 2.0)
    with np.errstate(under="ignore"):
        return np.sign(z) * -np.expm1(-2.0 * np.abs(z)) / (1.0 + e)


def tanh_grad(z: Any) -> np.ndarray:
    """``d tanh / dz = 1 - tanh(z)**2``, elementwise, in ``(0, 1]`` (1 at ``z = 0``).

    Written as ``4e / (1 + e)**2`` with ``e = exp(-2|z|)`` (that is ``1 / cosh(z)**2``).

    z: any shape. Returns float64, same shape.
    """
    z = np.asarray(z, dtype=float)
    e = _exp_minus_abs(z, 2.0)
    with np.errstate(under="ignore"):
        return 4.0 * e / (1.0 + e) ** 2


def relu(z: Any) -> np.ndarray:
    """``max(z, 0)``, elementwise. z: any shape. Returns float64, same shape."""
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0)


def relu_grad(z: Any) -> np.ndarray:
    """1.0 where ``z > 0``, else 0.0 (0 at ``z = 0`` by convention). z: any shape. Returns float64."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, 0.0)


def leaky_relu(z: Any, alpha: float = 0.01) -> np.ndarray:
    """``z`` where ``z > 0``, else ``alpha * z``; ``alpha`` in ``[0, 1)``. Returns float64, same shape."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_grad(z: Any, alpha: float = 0.01) -> np.ndarray:
    """1.0 where ``z > 0``, else ``alpha`` (``alpha`` at ``z = 0``). Returns float64, same shape."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, float(alpha))


def softmax(z: Any, axis: int = -1) -> np.ndarray:
    """``exp(z) / sum(exp(z))`` along ``axis``: every slice along ``axis`` is a probability vector.

    Stable: the slice's max is subtracted first (softmax is unchanged by adding a constant to a
    slice), so ``exp`` never overflows and the largest term is exactly ``exp(0) = 1``.

    z: any shape with at least one axis, e.g. logits ``(N, C)`` with ``axis=-1``.
    Returns float64, same shape, entries in ``[0, 1]`` summing to 1 along ``axis``.
    """
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    with np.errstate(under="ignore"):
        e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


ACTIVATIONS: dict[str, tuple[Callable[..., np.ndarray], Callable[..., np.ndarray]]] = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
}
