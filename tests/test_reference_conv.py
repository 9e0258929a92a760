"""gradschool.reference.conv agrees with torch.nn.functional (float64) on forward and backward."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from gradschool.reference import conv

CONV_CASES = [
    # N, C, H, W, F, KH, KW, stride, pad
    (2, 3, 7, 7, 4, 3, 3, 1, 0),
    (3, 2, 8, 6, 5, 2, 3, 2, 1),
    (1, 1, 9, 9, 2, 5, 5, 3, 2),
    (2, 3, 5, 5, 3, 1, 1, 1, 0),
    (4, 1, 8, 8, 2, 3, 2, 2, 2),
    (1, 2, 4, 4, 3, 4, 4, 1, 0),
    (2, 2, 10, 7, 3, 3, 3, 3, 1),
]

POOL_CASES = [
    # N, C, H, W, size, stride
    (2, 3, 8, 8, 2, 2),
    (2, 2, 7, 9, 3, 2),
    (1, 3, 5, 6, 2, 1),
    (3, 1, 9, 9, 3, 3),
    (2, 2, 7, 7, 2, 3),
]


def _torch(a):
    return torch.tensor(a, dtype=torch.float64, requires_grad=True)


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv2d_matches_torch(case):
    n, c, h, w_, f, kh, kw, stride, pad = case
    rng = np.random.default_rng(sum(case))
    x = rng.normal(size=(n, c, h, w_))
    w = rng.normal(size=(f, c, kh, kw))
    b = rng.normal(size=f)
    out, cache = conv.conv2d_forward(x, w, b, stride, pad)
    xt, wt, bt = _torch(x), _torch(w), _torch(b)
    ref = F.conv2d(xt, wt, bt, stride=stride, padding=pad)
    assert out.dtype == np.float64
    assert out.shape == tuple(ref.shape) == (n, f, conv.conv_output_size(h, kh, stride, pad), conv.conv_output_size(w_, kw, stride, pad))
    np.testing.assert_allclose(out, ref.detach().numpy(), rtol=1e-10, atol=1e-10)

    dout = rng.normal(size=out.shape)
    dx, dw, db = conv.conv2d_backward(dout, cache)
    ref.backward(torch.tensor(dout))
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(db, bt.grad.numpy(), rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("case", POOL_CASES)
@pytest.mark.parametrize("ties", [False, True])
def test_pooling_matches_torch(case, ties):
    n, c, h, w_, size, stride = case
    rng = np.random.default_rng(sum(case) + ties)
    x = rng.integers(0, 3, size=(n, c, h, w_)).astype(float) if ties else rng.normal(size=(n, c, h, w_))
    for forward, backward, torch_pool in [
        (conv.maxpool2d_forward, conv.maxpool2d_backward, F.max_pool2d),
        (conv.avgpool2d_forward, conv.avgpool2d_backward, F.avg_pool2d),
    ]:
        x_before = x.copy()
        out, cache = forward(x, size, stride)
        xt = _torch(x)
        ref = torch_pool(xt, size, stride)
        np.testing.assert_allclose(out, ref.detach().numpy(), rtol=1e-12, atol=1e-12)
        dout = rng.normal(size=out.shape)
        dx = backward(dout, cache)
        ref.backward(torch.tensor(dout))
        np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(x, x_before)


def test_maxpool_constant_input_sends_gradient_to_first_entry():
    x = np.zeros((1, 1, 4, 4))
    out, cache = conv.maxpool2d_forward(x, size=3, stride=1)
    dx = conv.maxpool2d_backward(np.ones_like(out), cache)
    expected = np.zeros((1, 1, 4, 4))
    expected[0, 0, :2, :2] = 1.0
    np.testing.assert_array_equal(dx, expected)


def test_im2col_is_a_view_and_col2im_is_its_adjoint():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3, 7, 6))
    cols = conv.im2col(x, 3, 2, stride=2, pad=1)
    assert cols.shape == (2, 3, 4, 4, 3, 2)
    assert not cols.flags.writeable
    g = rng.normal(size=cols.shape)
    # <im2col(x), g> == <x, col2im(g)>
    np.testing.assert_allclose(np.sum(cols * g), np.sum(x * conv.col2im(g, x.shape, stride=2, pad=1)), rtol=1e-12)
