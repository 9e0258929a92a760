"""gradschool.reference.layers agrees with PyTorch (float64) on forward and backward passes."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from gradschool.reference import layers


def _leaf(a):
    return torch.tensor(a, dtype=torch.float64, requires_grad=True)


@pytest.mark.parametrize("n, d, m", [(1, 1, 1), (4, 3, 5), (16, 64, 10), (7, 2, 1)])
def test_linear_matches_torch(n, d, m):
    rng = np.random.default_rng(n * 100 + d * 10 + m)
    x, W, b = rng.normal(size=(n, d)), rng.normal(size=(d, m)), rng.normal(size=m)
    copies = [a.copy() for a in (x, W, b)]
    out, cache = layers.linear_forward(x, W, b)
    xt, Wt, bt = _leaf(x), _leaf(W), _leaf(b)
    ref = F.linear(xt, Wt.T, bt)
    assert out.shape == (n, m) and out.dtype == np.float64
    np.testing.assert_allclose(out, ref.detach().numpy(), rtol=1e-12, atol=1e-12)

    dout = rng.normal(size=(n, m))
    dx, dW, db = layers.linear_backward(dout, cache)
    ref.backward(torch.tensor(dout))
    assert dx.shape == x.shape and dW.shape == W.shape and db.shape == b.shape
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dW, Wt.grad.numpy(), rtol=1e-12, atol=1e-12)  # summed, not divided by N
    np.testing.assert_allclose(db, bt.grad.numpy(), rtol=1e-12, atol=1e-12)
    for before, after in zip(copies, (x, W, b)):
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 4)])
def test_relu_matches_torch_with_zero_gradient_at_zero(shape):
    rng = np.random.default_rng(len(shape))
    x = rng.normal(size=shape)
    x.flat[::3] = 0.0  # exact zeros: the derivative there is 0, as in torch.relu
    x_copy = x.copy()
    out, cache = layers.relu_forward(x)
    xt = _leaf(x)
    ref = torch.relu(xt)
    np.testing.assert_array_equal(out, ref.detach().numpy())
    dout = rng.normal(size=shape)
    dx = layers.relu_backward(dout, cache)
    ref.backward(torch.tensor(dout))
    np.testing.assert_array_equal(dx, xt.grad.numpy())
    assert np.all(dx[x == 0] == 0)
    np.testing.assert_array_equal(x, x_copy)


@pytest.mark.parametrize("n, c, scale", [(1, 2, 1.0), (8, 10, 1.0), (5, 3, 1e3), (6, 4, 300.0)])
def test_softmax_cross_entropy_matches_torch(n, c, scale):
    rng = np.random.default_rng(n + c)
    logits = scale * rng.normal(size=(n, c))
    y = rng.integers(0, c, size=n)
    logits_copy = logits.copy()
    with np.errstate(all="raise"):
        loss, dlogits = layers.softmax_cross_entropy(logits, y)
    lt = _leaf(logits)
    ref = F.cross_entropy(lt, torch.tensor(y))  # the batch mean
    ref.backward()
    assert isinstance(loss, float)
    assert np.isfinite(loss) and np.all(np.isfinite(dlogits))
    np.testing.assert_allclose(loss, ref.item(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dlogits, lt.grad.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_array_equal(logits, logits_copy)


def test_softmax_cross_entropy_extremes():
    loss, dlogits = layers.softmax_cross_entropy(np.array([[1000.0, -1000.0], [-1000.0, 1000.0]]), np.array([1, 1]))
    assert np.isclose(loss, 1000.0)  # (2000 + 0) / 2
    np.testing.assert_allclose(dlogits, [[0.5, -0.5], [0.0, 0.0]], atol=1e-12)


def test_linear_then_loss_gradient_check():
    """The layers compose: a tiny network's gradient agrees with central differences."""
    rng = np.random.default_rng(7)
    x, W, b, y = rng.normal(size=(4, 3)), rng.normal(size=(3, 5)), rng.normal(size=5), np.array([0, 4, 2, 2])

    def loss_of(W_):
        out, _ = layers.linear_forward(x, W_, b)
        return layers.softmax_cross_entropy(layers.relu_forward(out)[0], y)[0]

    out, linear_cache = layers.linear_forward(x, W, b)
    hidden, relu_cache = layers.relu_forward(out)
    _, dhidden = layers.softmax_cross_entropy(hidden, y)
    _, dW, _ = layers.linear_backward(layers.relu_backward(dhidden, relu_cache), linear_cache)
    numeric = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        step = np.zeros_like(W)
        step[index] = 1e-6
        numeric[index] = (loss_of(W + step) - loss_of(W - step)) / 2e-6
    np.testing.assert_allclose(dW, numeric, rtol=1e-6, atol=1e-9)
