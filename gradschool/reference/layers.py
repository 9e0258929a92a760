"""Reference layers (chapter 4): the building blocks that chapter 5's networks are stacked from.

Every function here has the contract of the graded function of the same name in
``04_backprop`` (see SYLLABUS.md). Layers come in pairs, as in CS231n:

* ``<layer>_forward(inputs...) -> (out, cache)``: the output, and whatever the backward pass
  needs (treat the cache as opaque: pass it back unchanged);
* ``<layer>_backward(dout, cache)``: given ``dout``, the gradient of the loss with respect to
  ``out``, the gradients with respect to the layer's inputs (and parameters).

A batch is always the first axis. Inputs are never modified. Everything is ``float64``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "linear_forward",
    "linear_backward",
    "relu_forward",
    "relu_backward",
    "softmax_cross_entropy",
]


def linear_forward(x: Any, W: Any, b: Any) -> tuple[np.ndarray, tuple]:
    """A fully connected layer: ``out = x @ W + b``.

    x: (N, D) a batch of N inputs with D features.
    W: (D, M) weights, one column per output unit.
    b: (M,) biases.

    Returns:
        out: (N, M).
        cache: ``(x, W)``, what :func:`linear_backward` needs.
    """
    x = np.asarray(x, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    out = x @ W + b
    return out, (x, W)


def linear_backward(dout: Any, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Backward pass of :func:`linear_forward`.

    dout: (N, M) the gradient of the loss with respect to ``out``.
    cache: what ``linear_forward`` returned.

    Returns:
        dx: (N, D) ``dout @ W.T``.
        dW: (D, M) ``x.T @ dout``: summed over the batch, not divided by N (the loss's gradient
            ``dout`` already carries the ``1/N`` of a batch mean).
        db: (M,) ``dout.sum(axis=0)``.
    """
    x, W = cache
    dout = np.asarray(dout, dtype=np.float64)
    dx = dout @ W.T
    dW = x.T @ dout
    db = dout.sum(axis=0)
    return dx, dW, db


def relu_forward(x: Any) -> tuple[np.ndarray, np.ndarray]:
    """ReLU, elementwise: ``out = max(x, 0)``.

    x: any shape, typically (N, M).

    Returns:
        out: same shape as ``x``.
        cache: ``x`` itself (a reference, not a copy: nothing here modifies it).
    """
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0.0), x


def relu_backward(dout: Any, cache: np.ndarray) -> np.ndarray:
    """Backward pass of :func:`relu_forward`.

    dout: the gradient with respect to ``out``, same shape as ``x``.
    cache: what ``relu_forward`` returned (its input ``x``).

    Returns:
        dx: ``dout`` where ``x > 0``, zero where ``x <= 0`` (the derivative at 0 is taken as 0).
    """
    x = cache
    dout = np.asarray(dout, dtype=np.float64)
    return np.where(x > 0, dout, 0.0)


def softmax_cross_entropy(logits: Any, y: Any) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of a softmax classifier, and its gradient.

    logits: (N, C) unnormalised scores, one row per example.
    y: (N,) integer labels in ``0..C-1``.

    The loss is ``mean_n( -log softmax(logits[n])[y[n]] )``, computed from logits shifted by
    their row maximum (softmax does not change under a shift), so logits of size 1e3 neither
    overflow nor give ``log(0)``.

    Returns:
        loss: a Python float, the batch mean.
        dlogits: (N, C) the gradient of the loss: ``(softmax(logits) - onehot(y)) / N``.
    """
    logits = np.asarray(logits, dtype=np.float64)
    y = np.asarray(y).astype(np.int64)
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    with np.errstate(under="ignore"):
        exp = np.exp(shifted)
    sums = exp.sum(axis=1, keepdims=True)
    log_probs = shifted - np.log(sums)
    rows = np.arange(n)
    loss = -float(np.mean(log_probs[rows, y]))
    dlogits = exp / sums
    dlogits[rows, y] -= 1.0
    dlogits /= n
    return loss, dlogits
