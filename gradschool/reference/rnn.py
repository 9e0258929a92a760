"""Reference vanilla (tanh) RNN in NumPy: one step, the unrolled loop, backpropagation through time.

The same contracts as chapter ``07_rnn`` (SYLLABUS), in the CS231n style of
``forward -> (out, cache)`` / ``backward(dout, cache)`` pairs:

* :func:`rnn_step_forward` computes ``h_t = tanh(x_t @ Wx + h_prev @ Wh + b)`` for a batch;
* :func:`rnn_step_backward` sends ``dL/dh_t`` back to the step's five inputs;
* :func:`rnn_forward` runs the step over every time step with the *same* weights (unrolling);
* :func:`rnn_backward` walks the steps in reverse (BPTT): the gradient reaching ``h_t`` is the
  upstream gradient of step ``t`` plus what flows back from step ``t + 1``; the weight gradients
  are summed over time because the weights are shared;
* :func:`clip_gradients` rescales a list of gradients whose global L2 norm is too large.

:func:`pinned_step_forward` is a testing aid: a stand-in for ``rnn_step_forward`` that lets the
chapter's tests check a student's ``rnn_backward`` on its own, even when the same student's
``rnn_forward`` has a bug.

Shapes: ``x_t (N, D)``, ``h (N, H)``, ``Wx (D, H)``, ``Wh (H, H)``, ``b (H,)``, sequences
``x (N, T, D)`` and hidden states ``h (N, T, H)``, batch first, time second.

A step's cache holds only the step's inputs and the backward pass recomputes ``tanh``: one extra
matrix product buys a smaller cache (the idea behind "gradient checkpointing" in large models).
The widget :mod:`gradschool.widgets.unrolled` and later chapters use these functions, so that a
student's bug in the chapter cannot break a picture.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "rnn_step_forward",
    "rnn_step_backward",
    "rnn_forward",
    "rnn_backward",
    "clip_gradients",
    "global_norm",
    "pinned_step_forward",
]


def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    """One tanh RNN step.

    Args:
        x_t: ``(N, D)`` inputs at this time step.
        h_prev: ``(N, H)`` hidden state from the previous step.
        Wx: ``(D, H)`` input-to-hidden weights.
        Wh: ``(H, H)`` hidden-to-hidden weights.
        b: ``(H,)`` bias.

    Returns:
        ``(h_t, cache)``: ``h_t (N, H)`` the new hidden state, ``cache`` for :func:`rnn_step_backward`.
    """
    h_t = np.tanh(x_t @ Wx + h_prev @ Wh + b)
    return h_t, (x_t, h_prev, Wx, Wh, b)


def rnn_step_backward(dh_t, cache):
    """Gradients of one step, given ``dh_t (N, H)`` = dL/dh_t.

    Returns:
        ``(dx_t (N, D), dh_prev (N, H), dWx (D, H), dWh (H, H), db (H,))``.
    """
    x_t, h_prev, Wx, Wh, b = cache
    h_t = np.tanh(x_t @ Wx + h_prev @ Wh + b)
    da = dh_t * (1.0 - h_t**2)  # back through tanh: tanh'(a) = 1 - tanh(a)^2
    return da @ Wx.T, da @ Wh.T, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)


def rnn_forward(x, h0, Wx, Wh, b):
    """Run the RNN over a whole sequence.

    Args:
        x: ``(N, T, D)`` input sequences.
        h0: ``(N, H)`` initial hidden state.
        Wx, Wh, b: as in :func:`rnn_step_forward`, shared by every step.

    Returns:
        ``(h, cache)``: ``h (N, T, H)`` the hidden state after each step (``h0`` not included);
        ``cache`` is the list of the steps' caches.
    """
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    h_t = h0
    for t in range(T):
        h_t, step_cache = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
        h[:, t] = h_t
        caches.append(step_cache)
    return h, caches


def rnn_backward(dh, cache):
    """Backpropagation through time.

    Args:
        dh: ``(N, T, H)`` upstream gradients dL/dh_t of every step (from the loss terms that read
            ``h_t`` directly; the gradient through later steps is added here).
        cache: what :func:`rnn_forward` returned.

    Returns:
        ``(dx (N, T, D), dh0 (N, H), dWx (D, H), dWh (H, H), db (H,))``.
    """
    caches = cache
    N, T, H = dh.shape
    dxs = [None] * T
    dWx = dWh = db = 0.0
    dh_next = np.zeros((N, H))  # gradient flowing into h_t from step t + 1
    for t in reversed(range(T)):
        dx_t, dh_next, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t] + dh_next, caches[t])
        dxs[t] = dx_t
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return np.stack(dxs, axis=1), dh_next, dWx, dWh, db


def global_norm(grads):
    """The L2 norm of all the arrays in ``grads`` taken together, as a float."""
    return float(np.sqrt(sum(float(np.sum(np.square(g))) for g in grads)))


def clip_gradients(grads, max_norm):
    """Rescale ``grads`` (a list of arrays) so that their global L2 norm is at most ``max_norm``.

    Returns a new list; when the norm is already at most ``max_norm`` its arrays equal the inputs,
    otherwise every array is multiplied by ``max_norm / norm`` (so directions are kept).
    """
    norm = global_norm(grads)
    if norm <= max_norm:
        return [np.array(g, dtype=float) for g in grads]
    scale = max_norm / norm
    return [np.asarray(g, dtype=float) * scale for g in grads]


def pinned_step_forward(x, h0, Wx, Wh, b):
    """A stand-in for :func:`rnn_step_forward` that is always right about one given sequence.

    Tests of ``rnn_backward`` need a cache, and a cache can only come from the student's own
    ``rnn_forward``. Run that ``rnn_forward`` with the function returned here in place of
    ``rnn_step_forward``: when it is called with the inputs ``x[:, t]`` of step ``t`` of this
    sequence it returns the exact ``h_t`` and the exact cache of step ``t`` (for
    :func:`rnn_step_backward`), whatever hidden state it was handed. A bug in the loop of
    ``rnn_forward`` (say, passing ``h0`` at every step) then cannot change the cache, and only
    ``rnn_backward`` is tested. Steps are recognised by their inputs, so the steps of ``x`` must
    differ from one another (random inputs do); any other call is computed as usual.
    """
    x = np.array(x, dtype=float)
    h0 = np.array(h0, dtype=float)
    h_true, _ = rnn_forward(x, h0, Wx, Wh, b)

    def step_forward(x_t, h_prev, Wx_t, Wh_t, b_t):
        x_t = np.asarray(x_t)
        for t in range(x.shape[1]):
            if x_t.shape == x[:, t].shape and np.array_equal(x_t, x[:, t]):
                h_before = h0 if t == 0 else h_true[:, t - 1]
                return h_true[:, t].copy(), (x[:, t].copy(), h_before.copy(), Wx, Wh, b)
        return rnn_step_forward(x_t, h_prev, Wx_t, Wh_t, b_t)

    return step_forward
