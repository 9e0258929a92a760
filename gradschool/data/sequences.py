"""Generated sequences for recurrent networks: sine waves and the adding problem.

Both return float64 arrays laid out (batch, time, features) and draw from
``np.random.default_rng(seed)``.
"""

from __future__ import annotations

import numpy as np

from gradschool.data._validate import check_int


def sine_waves(n: int = 256, length: int = 50, seed: int = 0):
    """Sine waves to predict one step ahead.

    Each sequence is ``amplitude * sin(frequency * t + phase)`` at t = 0, 1, ..., with
    amplitude in [0.5, 1.5], frequency in [0.1, 0.5] radians per step (a period of about 13
    to 63 steps) and phase in [0, 2*pi), all drawn uniformly, per sequence.

    Returns:
        inputs: (n, length, 1) float64, the values at t = 0 .. length-1.
        targets: (n, length, 1) float64, the values at t = 1 .. length:
            ``targets[:, t] == inputs[:, t + 1]``.
    """
    n = check_int("n", n, 1)
    length = check_int("length", length, 1)
    rng = np.random.default_rng(seed)
    amplitude = rng.uniform(0.5, 1.5, (n, 1))
    frequency = rng.uniform(0.1, 0.5, (n, 1))
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    t = np.arange(length + 1)[None, :]
    waves = amplitude * np.sin(frequency * t + phase)  # (n, length + 1)
    return waves[:, :-1, None], waves[:, 1:, None]


def adding_problem(n: int = 256, length: int = 20, seed: int = 0):
    """The adding problem (Hochreiter & Schmidhuber, 1997): a test of long memory.

    Channel 0 holds values drawn uniformly from [0, 1]; channel 1 is 1 at exactly two positions,
    one in the first half (t < length // 2) and one in the second, and 0 elsewhere. The target is
    the sum of the two marked values, so always guessing 1 gives a mean squared error of 1/6.

    Returns:
        X: (n, length, 2) float64.
        y: (n,) float64, ``X[i, a, 0] + X[i, b, 0]`` where a and b are the marked positions.
    """
    n = check_int("n", n, 1)
    length = check_int("length", length, 2)
    rng = np.random.default_rng(seed)
    half = length // 2
    X = np.zeros((n, length, 2))
    X[:, :, 0] = rng.uniform(0, 1, (n, length))
    rows = np.arange(n)
    first = rng.integers(0, half, n)
    second = rng.integers(half, length, n)
    X[rows, first, 1] = 1.0
    X[rows, second, 1] = 1.0
    y = X[rows, first, 0] + X[rows, second, 0]
    return X, y
