"""How fast is the NumPy im2col convolution of ``gradschool.reference.conv`` next to PyTorch's?

Run: ``python benchmarks/conv_vs_torch.py`` (CPU only, about 10 s).

A ``(32, 3, 32, 32)`` batch through 16 filters of ``3 x 3``, stride 1, pad 1. For each side it
times the forward pass and the backward pass (all three gradients) separately: warm-up, then the
median of several repeats. PyTorch's backward is autograd's, timed from ``out.backward(dout)``
alone (the forward that builds the graph is outside the timer). Both sides compute in float64,
the dtype of Part I; PyTorch in float32, its default and its fast path, is printed for context.
The ratio is NumPy time / PyTorch time (smaller is better; target: forward within 5x).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

from gradschool.reference.conv import conv2d_backward, conv2d_forward


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def numpy_steps(x, w, b, dout):
    """(forward, backward) callables for the NumPy reference."""
    _, cache = conv2d_forward(x, w, b, stride=1, pad=1)
    return (lambda: conv2d_forward(x, w, b, stride=1, pad=1)), (lambda: conv2d_backward(dout, cache))


def torch_steps(x, w, b, dout, dtype):
    """(forward, backward) callables for PyTorch; backward times ``out.backward`` alone."""
    xt, wt, bt = (torch.tensor(a, dtype=dtype, requires_grad=True) for a in (x, w, b))
    doutt = torch.tensor(dout, dtype=dtype)

    def forward():
        with torch.no_grad():
            F.conv2d(xt, wt, bt, stride=1, padding=1)

    def backward():
        xt.grad = wt.grad = bt.grad = None
        out = F.conv2d(xt, wt, bt, stride=1, padding=1)  # builds the graph, outside the timer
        return timed(lambda: out.backward(doutt))

    return forward, backward


def median_times(steps: dict, repeats: int, warmup: int = 3) -> dict:
    """Median seconds of every (forward, backward) pair, measured in interleaved rounds.

    Interleaving (one call of each, then the next round) keeps a busy machine's slow moments
    from landing on one implementation only.
    """
    samples = {label: ([], []) for label in steps}
    for round_ in range(warmup + repeats):
        for label, (forward, backward) in steps.items():
            t_forward = timed(forward)
            start = time.perf_counter()
            inner = backward()
            t_backward = inner if isinstance(inner, float) else time.perf_counter() - start
            if round_ >= warmup:
                samples[label][0].append(t_forward)
                samples[label][1].append(t_backward)
    return {label: (statistics.median(f), statistics.median(b)) for label, (f, b) in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 3, 32, 32))
    w = rng.normal(size=(16, 3, 3, 3))
    b = rng.normal(size=16)
    out, cache = conv2d_forward(x, w, b, stride=1, pad=1)
    dout = rng.normal(size=out.shape)

    # the two implementations agree before we compare their speed
    xt = torch.tensor(x, requires_grad=True)
    ref = F.conv2d(xt, torch.tensor(w), torch.tensor(b), stride=1, padding=1)
    ref.backward(torch.tensor(dout))
    forward_error = float(np.max(np.abs(out - ref.detach().numpy())))
    dx_error = float(np.max(np.abs(conv2d_backward(dout, cache)[0] - xt.grad.numpy())))

    print("conv2d, x (32, 3, 32, 32), w (16, 3, 3, 3), stride 1, pad 1, CPU")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; numpy {np.__version__}; median of {args.repeats}")
    print(f"max |numpy - torch| forward {forward_error:.1e}, dx {dx_error:.1e}")
    steps = {
        "numpy im2col float64": numpy_steps(x, w, b, dout),
        "torch float64": torch_steps(x, w, b, dout, torch.float64),
        "torch float32": torch_steps(x, w, b, dout, torch.float32),
    }
    rows = median_times(steps, args.repeats)
    print(f"{'':26s}{'forward ms':>12s}{'backward ms':>13s}")
    for label, (t_forward, t_backward) in rows.items():
        print(f"{label:26s}{t_forward * 1e3:12.2f}{t_backward * 1e3:13.2f}")
    np_forward, np_backward = rows["numpy im2col float64"]
    for label in ("torch float64", "torch float32"):
        t_forward, t_backward = rows[label]
        print(f"ratio numpy / {label}: forward {np_forward / t_forward:.2f}x, backward {np_backward / t_backward:.2f}x")
    verdict = "within" if np_forward / rows["torch float64"][0] <= 5 else "NOT within"
    print(f"forward is {verdict} the 5x target against torch float64")


if __name__ == "__main__":
    main()
