"""Reference multi-layer perceptron (chapter 5): what later chapters and the widgets build on.

Every function here has the contract of the graded function of the same name in ``05_mlp``
(see SYLLABUS.md). A network is a list of layers ``params = [(W1, b1), ..., (WL, bL)]`` with
``Wl`` of shape ``(fan_in, fan_out)`` and ``bl`` of shape ``(fan_out,)``; hidden layers are
``relu(h @ W + b)``, the output layer is linear and returns logits.

* :func:`init_params`: He (for ReLU) or Xavier (Glorot) normal weights, zero biases;
* :func:`mlp_forward` / :func:`mlp_backward`: the stack of layers and its backward pass;
* :func:`sgd_step` / :func:`adam_step`: one optimiser step, returning new parameters;
* :func:`train_mlp`: mini-batch Adam on the mean softmax cross-entropy plus an L2 penalty;
* :func:`predict`, :func:`accuracy`: class predictions of a trained network.

Inputs are never modified (the one exception: ``adam_step``'s ``state`` dict).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from gradschool.reference.layers import (
    linear_backward,
    linear_forward,
    relu_backward,
    relu_forward,
    softmax_cross_entropy,
)

__all__ = [
    "init_params",
    "mlp_forward",
    "mlp_backward",
    "sgd_step",
    "adam_step",
    "l2_penalty",
    "train_mlp",
    "predict",
    "accuracy",
]

Params = list  # list of (W, b) pairs


def init_params(layer_sizes: Sequence[int], seed: int = 0, scheme: str = "he") -> Params:
    """Random weights and zero biases for a network with these layer sizes.

    layer_sizes: ``[D, H1, ..., C]``, the input size, the hidden sizes, the number of outputs.
    scheme: ``"he"``: ``W ~ Normal(0, 2 / fan_in)`` (keeps ReLU activations at a steady scale);
        ``"xavier"``: ``W ~ Normal(0, 2 / (fan_in + fan_out))`` (Glorot, for tanh or linear).

    Returns: ``[(W, b), ...]``, one pair per layer: ``W (fan_in, fan_out)``, ``b (fan_out,)`` zeros,
    all float64, drawn from ``np.random.default_rng(seed)``.
    """
    if scheme not in ("he", "xavier"):
        raise ValueError(f"scheme must be 'he' or 'xavier', got {scheme!r}")
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        variance = 2.0 / fan_in if scheme == "he" else 2.0 / (fan_in + fan_out)
        W = rng.normal(0.0, np.sqrt(variance), size=(fan_in, fan_out))
        params.append((W, np.zeros(fan_out)))
    return params


def mlp_forward(X: Any, params: Params) -> tuple[np.ndarray, list]:
    """Forward pass: ReLU hidden layers, then a linear output layer.

    X: (N, D). params: ``[(W1, b1), ..., (WL, bL)]``.

    Returns:
        logits: (N, C).
        caches: one ``(linear_cache, relu_cache)`` per layer; ``relu_cache`` is None for the
            output layer.
    """
    h = np.asarray(X, dtype=np.float64)
    caches = []
    last = len(params) - 1
    for index, (W, b) in enumerate(params):
        z, linear_cache = linear_forward(h, W, b)
        if index < last:
            h, relu_cache = relu_forward(z)
        else:
            h, relu_cache = z, None
        caches.append((linear_cache, relu_cache))
    return h, caches


def mlp_backward(dlogits: Any, caches: list) -> list[tuple[np.ndarray, np.ndarray]]:
    """Backward pass of :func:`mlp_forward`.

    dlogits: (N, C) the gradient of the loss with respect to the logits.
    caches: what ``mlp_forward`` returned.

    Returns: ``[(dW1, db1), ..., (dWL, dbL)]``, in the order of ``params``.
    """
    grads = [None] * len(caches)
    dout = np.asarray(dlogits, dtype=np.float64)
    last = len(caches) - 1
    for index in range(last, -1, -1):
        linear_cache, relu_cache = caches[index]
        if index < last:  # the output layer has no ReLU
            dout = relu_backward(dout, relu_cache)
        dout, dW, db = linear_backward(dout, linear_cache)
        grads[index] = (dW, db)
    return grads


def sgd_step(params: Params, grads: list, lr: float) -> Params:
    """One step of gradient descent: a new list of ``(W - lr * dW, b - lr * db)``."""
    return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]


def adam_step(
    params: Params,
    grads: list,
    state: dict,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> Params:
    """One step of Adam (Kingma and Ba), exactly as ``torch.optim.Adam`` takes it.

    state: a dict, updated in place: empty before the first step, afterwards ``"t"`` (steps
        taken), ``"m"`` and ``"v"`` (lists of ``(mW, mb)`` / ``(vW, vb)`` shaped like ``params``).

    For every array p with gradient g:
    ``m = beta1*m + (1-beta1)*g``, ``v = beta2*v + (1-beta2)*g**2``,
    ``p_new = p - lr * (m / (1 - beta1**t)) / (sqrt(v / (1 - beta2**t)) + eps)``.

    Returns: the new params (the old arrays are not modified).
    """
    if not state:
        state["t"] = 0
        state["m"] = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
        state["v"] = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
    t = state["t"] + 1
    new_params, new_m, new_v = [], [], []
    for layer, layer_grads, layer_m, layer_v in zip(params, grads, state["m"], state["v"]):
        updated, ms, vs = [], [], []
        for p, g, m, v in zip(layer, layer_grads, layer_m, layer_v):
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            m_hat = m / (1 - beta1**t)
            v_hat = v / (1 - beta2**t)
            updated.append(p - lr * m_hat / (np.sqrt(v_hat) + eps))
            ms.append(m)
            vs.append(v)
        new_params.append(tuple(updated))
        new_m.append(tuple(ms))
        new_v.append(tuple(vs))
    state["t"], state["m"], state["v"] = t, new_m, new_v
    return new_params


def l2_penalty(params: Params, l2: float) -> float:
    """``0.5 * l2 * sum(W**2)`` over the weights of every layer (biases are not penalised)."""
    return 0.5 * l2 * float(sum(np.sum(W * W) for W, _ in params))


def train_mlp(
    X: Any,
    y: Any,
    hidden_sizes: Sequence[int],
    lr: float,
    epochs: int,
    batch_size: int,
    seed: int = 0,
    l2: float = 0.0,
) -> tuple[Params, dict]:
    """Train a ReLU network by mini-batch Adam on softmax cross-entropy plus an L2 penalty.

    X: (N, D). y: (N,) integer labels; there are ``C = y.max() + 1`` classes.
    The network is ``init_params([D, *hidden_sizes, C], seed=seed)``. Every epoch visits the
    samples in a new random order (from ``np.random.default_rng(seed)``) in mini-batches of
    ``batch_size`` (the last one may be smaller); each mini-batch takes one ``adam_step`` with
    learning rate ``lr`` on ``loss = mean cross-entropy + 0.5 * l2 * sum(W**2)``.

    Returns:
        params: the trained network.
        history: ``{"loss": [...]}``, ``history["loss"][k]`` the mean over epoch k's mini-batches
            of the loss computed before each update.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(np.int64)
    sizes = [X.shape[1], *hidden_sizes, int(y.max()) + 1]
    params = init_params(sizes, seed=seed)
    rng = np.random.default_rng(seed)
    state: dict = {}
    history: dict = {"loss": []}
    for _ in range(epochs):
        order = rng.permutation(len(X))
        losses = []
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            logits, caches = mlp_forward(X[batch], params)
            loss, dlogits = softmax_cross_entropy(logits, y[batch])
            losses.append(loss + l2_penalty(params, l2))
            grads = mlp_backward(dlogits, caches)
            grads = [(dW + l2 * W, db) for (dW, db), (W, _) in zip(grads, params)]
            params = adam_step(params, grads, state, lr=lr)
        history["loss"].append(float(np.mean(losses)))
    return params, history


def predict(params: Params, X: Any) -> np.ndarray:
    """(N,) int64: the class with the largest logit for each row of ``X``."""
    logits, _ = mlp_forward(X, params)
    return logits.argmax(axis=1)


def accuracy(params: Params, X: Any, y: Any) -> float:
    """The fraction of rows of ``X`` whose predicted class is ``y``."""
    return float(np.mean(predict(params, X) == np.asarray(y)))
