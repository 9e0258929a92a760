"""Reference convolution and pooling layers in NumPy, vectorised with im2col.

The same contracts as chapter ``06_cnn`` (SYLLABUS): cross-correlation as in every framework,
``x`` of shape ``(N, C, H, W)``, weights ``(F, C, KH, KW)``, output sizes that floor, and
``forward -> (out, cache)`` / ``backward(dout, cache)`` pairs in the CS231n style. Later
chapters (``10_torch_cnn``) and ``benchmarks/conv_vs_torch.py`` use these functions; the
chapter's notebook trains its small CNN with them so that a student's bug cannot break the demo.

How the speed comes: :func:`im2col` looks at the padded input through
``numpy.lib.stride_tricks.sliding_window_view``, a view of every ``KH x KW`` window that copies
nothing. A convolution is then one big matrix product between those windows and the filters
(``numpy.einsum`` with ``optimize=True``, which hands the contraction to BLAS). The backward pass is a matrix product too, except for
``dx``: every input pixel collects gradient from every window it took part in, which
:func:`col2im` adds up with one strided slice per kernel offset (``KH * KW`` additions, not one
per output pixel).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = [
    "conv_output_size",
    "im2col",
    "col2im",
    "conv2d_forward",
    "conv2d_backward",
    "maxpool2d_forward",
    "maxpool2d_backward",
    "avgpool2d_forward",
    "avgpool2d_backward",
]


def conv_output_size(size: int, kernel: int, stride: int = 1, pad: int = 0) -> int:
    """How many positions a window of ``kernel`` takes along an axis of ``size`` (floored)."""
    return (size + 2 * pad - kernel) // stride + 1


def _pad(x: np.ndarray, pad: int) -> np.ndarray:
    """Zero-pad the last two axes of ``x`` by ``pad`` on every side (a copy only when ``pad > 0``)."""
    if pad == 0:
        return x
    return np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))


def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, pad: int = 0) -> np.ndarray:
    """Every ``kh x kw`` window of the padded input, as a strided view (no copy).

    Args:
        x: ``(N, C, H, W)``.
        kh, kw: window height and width.
        stride, pad: as in :func:`conv2d_forward`.

    Returns:
        A read-only view of shape ``(N, C, OH, OW, kh, kw)``: entry ``[n, c, i, j]`` is the window
        whose top-left corner sits at row ``i * stride``, column ``j * stride`` of the padded input.
    """
    windows = sliding_window_view(_pad(x, pad), (kh, kw), axis=(2, 3))
    oh = conv_output_size(x.shape[2], kh, stride, pad)
    ow = conv_output_size(x.shape[3], kw, stride, pad)
    return windows[:, :, : oh * stride : stride, : ow * stride : stride]


def col2im(cols: np.ndarray, x_shape: tuple, stride: int = 1, pad: int = 0) -> np.ndarray:
    """The adjoint of :func:`im2col`: add every window's values back onto the input they came from.

    Args:
        cols: ``(N, C, OH, OW, kh, kw)``, one value per window entry.
        x_shape: ``(N, C, H, W)``, the shape of the unpadded input.

    Returns:
        ``(N, C, H, W)``: each pixel holds the sum over all windows that contain it (the padding
        border is cropped away).
    """
    n, c, h, w = x_shape
    _, _, oh, ow, kh, kw = cols.shape
    padded = np.zeros((n, c, h + 2 * pad, w + 2 * pad), dtype=np.result_type(cols, np.float64))
    for p in range(kh):
        for q in range(kw):
            # offset (p, q) of every window lands on rows p, p + stride, ... of the padded input
            padded[:, :, p : p + stride * oh : stride, q : q + stride * ow : stride] += cols[:, :, :, :, p, q]
    return padded[:, :, pad : pad + h, pad : pad + w]


def conv2d_forward(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, pad: int = 0):
    """2-D cross-correlation of a batch with a bank of filters, plus a bias per filter.

    Args:
        x: ``(N, C, H, W)`` inputs.
        w: ``(F, C, KH, KW)`` filters.
        b: ``(F,)`` biases.
        stride, pad: step between windows and zero padding on every side.

    Returns:
        out: ``(N, F, OH, OW)`` with ``OH = conv_output_size(H, KH, stride, pad)`` (likewise OW).
        cache: ``(x, w, b, stride, pad)`` for :func:`conv2d_backward`.
    """
    cols = im2col(x, w.shape[2], w.shape[3], stride, pad)  # (N, C, OH, OW, KH, KW)
    # out[n, f, i, j] = sum over c, p, q of window[n, c, i, j, p, q] * w[f, c, p, q]
    out = np.einsum("nchwpq,fcpq->nfhw", cols, w, optimize=True) + b.reshape(1, -1, 1, 1)
    return out.astype(np.float64, copy=False), (x, w, b, stride, pad)


def conv2d_backward(dout: np.ndarray, cache):
    """Gradients of :func:`conv2d_forward`.

    Args:
        dout: ``(N, F, OH, OW)`` upstream gradient.
        cache: what :func:`conv2d_forward` returned.

    Returns:
        dx ``(N, C, H, W)``, dw ``(F, C, KH, KW)``, db ``(F,)``.
    """
    x, w, b, stride, pad = cache
    cols = im2col(x, w.shape[2], w.shape[3], stride, pad)  # (N, C, OH, OW, KH, KW)
    db = dout.sum(axis=(0, 2, 3))
    # dw[f, c, p, q] = sum over n, i, j of dout[n, f, i, j] * window[n, c, i, j, p, q]
    dw = np.einsum("nfhw,nchwpq->fcpq", dout, cols, optimize=True)
    # every window entry receives sum_f dout[n, f, i, j] * w[f, c, p, q] ...
    dcols = np.einsum("nfhw,fcpq->nchwpq", dout, w, optimize=True)
    # ... and col2im adds those back where the entries came from
    dx = col2im(dcols, x.shape, stride, pad)
    return dx, dw, db


def _pool_windows(x: np.ndarray, size: int, stride: int) -> np.ndarray:
    """``(N, C, OH, OW, size * size)``: each pooling window flattened in row-major order."""
    windows = im2col(x, size, size, stride, 0)
    n, c, oh, ow = windows.shape[:4]
    return windows.reshape(n, c, oh, ow, size * size)


def maxpool2d_forward(x: np.ndarray, size: int = 2, stride: int = 2):
    """Max over each ``size x size`` window, windows ``stride`` apart (no padding, floored).

    Returns ``out`` ``(N, C, OH, OW)`` and the cache ``(x, size, stride)``.
    """
    out = _pool_windows(x, size, stride).max(axis=-1)
    return out.astype(np.float64), (x, size, stride)


def maxpool2d_backward(dout: np.ndarray, cache) -> np.ndarray:
    """Route each window's gradient to its max; on a tie, to the first max in row-major order.

    Overlapping windows (``stride < size``) add their gradients. Returns ``dx`` ``(N, C, H, W)``.
    """
    x, size, stride = cache
    first_max = _pool_windows(x, size, stride).argmax(axis=-1)  # argmax returns the first of ties
    dcols = np.zeros(first_max.shape + (size * size,))
    np.put_along_axis(dcols, first_max[..., None], dout[..., None], axis=-1)
    n, c, oh, ow = first_max.shape
    return col2im(dcols.reshape(n, c, oh, ow, size, size), x.shape, stride, 0)


def avgpool2d_forward(x: np.ndarray, size: int = 2, stride: int = 2):
    """Mean over each ``size x size`` window, windows ``stride`` apart (no padding, floored).

    Returns ``out`` ``(N, C, OH, OW)`` and the cache ``(x, size, stride)``.
    """
    out = _pool_windows(x, size, stride).mean(axis=-1)
    return out.astype(np.float64), (x, size, stride)


def avgpool2d_backward(dout: np.ndarray, cache) -> np.ndarray:
    """Share each window's gradient equally among its ``size * size`` entries (overlaps add up).

    Returns ``dx`` ``(N, C, H, W)``.
    """
    x, size, stride = cache
    n, c, oh, ow = dout.shape
    share = np.broadcast_to((dout / (size * size))[..., None, None], (n, c, oh, ow, size, size))
    return col2im(share, x.shape, stride, 0)
