"""Correct: every window as a strided view, then one max."""
def maxpool2d_forward(x, size=2, stride=2):
    from numpy.lib.stride_tricks import sliding_window_view

    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.max(axis=(4, 5)).astype(float), (x, size, stride)
