"""Small generated 2-D classification sets, and the four logic gates.

Every generator returns ``X`` (n, 2) float64 and ``y`` (n,) int64, draws from
``np.random.default_rng(seed)`` (same seed, same data), and balances the classes: their sizes
differ by at most one. Rows come in random order, so any slice mixes the classes.
"""

from __future__ import annotations

import numpy as np

from gradschool.data._validate import check_choice, check_float, check_int

GATES = {
    "and": [0, 0, 0, 1],
    "or": [0, 1, 1, 1],
    "xor": [0, 1, 1, 0],
    "nand": [1, 1, 1, 0],
}

BLOB_RADIUS = 4.0  # blob centres sit evenly on a circle of this radius


def logic_gate(name: str):
    """A logic gate's truth table.

    Returns:
        X: (4, 2) float64, the inputs in the order 00, 01, 10, 11.
        y: (4,) float64, the gate's output for each row.
    """
    check_choice("name", name, tuple(GATES))
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array(GATES[name], dtype=np.float64)


def balanced_labels(n: int, classes: int, rng) -> np.ndarray:
    """(n,) int64 labels 0..classes-1 in random order, class sizes differing by at most one."""
    return rng.permutation(np.arange(n) % classes).astype(np.int64)


def make_blobs(n: int = 200, centers=3, std: float = 1.0, seed: int = 0):
    """Gaussian blobs, one per class.

    Args:
        centers: the number of blobs (placed evenly on a circle of radius 4), or their
            positions as a (k, 2) array.
        std: the standard deviation of each blob.

    Returns: X (n, 2) float64, y (n,) int64 in 0..k-1.
    """
    n = check_int("n", n, 1)
    std = check_float("std", std)
    if isinstance(centers, (int, np.integer)) and not isinstance(centers, bool):
        k = check_int("centers", centers, 1)
        angles = 2 * np.pi * np.arange(k) / k
        centers = BLOB_RADIUS * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    else:
        centers = np.asarray(centers, dtype=np.float64)
        if centers.ndim != 2 or centers.shape[1] != 2 or len(centers) == 0:
            raise ValueError(
                f"centers must be a number of blobs or a (k, 2) array, got shape {centers.shape}"
            )
    rng = np.random.default_rng(seed)
    y = balanced_labels(n, len(centers), rng)
    X = centers[y] + std * rng.standard_normal((n, 2))
    return X, y


def make_moons(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Two interleaving half circles: class 0 the upper moon, class 1 the lower.

    Returns: X (n, 2) float64, y (n,) int64 in {0, 1}.
    """
    n = check_int("n", n, 2)
    noise = check_float("noise", noise)
    rng = np.random.default_rng(seed)
    y = balanced_labels(n, 2, rng)
    t = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    X = np.where(y[:, None] == 0, upper, lower)
    return X + noise * rng.standard_normal((n, 2)), y


def make_circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0):
    """Two concentric circles: class 0 of radius 1, class 1 of radius ``factor`` (0 < factor < 1).

    Returns: X (n, 2) float64, y (n,) int64 in {0, 1}.
    """
    n = check_int("n", n, 2)
    noise = check_float("noise", noise)
    factor = check_float("factor", factor, positive=True)
    if factor >= 1:
        raise ValueError(f"factor (the inner radius) must be between 0 and 1, got {factor}")
    rng = np.random.default_rng(seed)
    y = balanced_labels(n, 2, rng)
    t = rng.uniform(0, 2 * np.pi, n)
    radius = np.where(y == 0, 1.0, factor)
    X = radius[:, None] * np.stack([np.cos(t), np.sin(t)], axis=1)
    return X + noise * rng.standard_normal((n, 2)), y


def make_spirals(n: int = 300, classes: int = 3, noise: float = 0.2, seed: int = 0):
    """Interleaved spiral arms, one per class (the CS231n spiral).

    A point of class j at radius r in [0, 1] sits at angle 2*pi*j/classes + 4*r, plus
    Gaussian noise of std ``noise`` on the angle.

    Returns: X (n, 2) float64, y (n,) int64 in 0..classes-1.
    """
    classes = check_int("classes", classes, 2)
    n = check_int("n", n, classes)
    noise = check_float("noise", noise)
    rng = np.random.default_rng(seed)
    y = balanced_labels(n, classes, rng)
    r = rng.uniform(0, 1, n)
    angle = 2 * np.pi * y / classes + 4 * r + noise * rng.standard_normal(n)
    X = r[:, None] * np.stack([np.sin(angle), np.cos(angle)], axis=1)
    return X, y


def make_xor(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Points in the square [-1, 1]^2, labelled by XOR of their signs.

    Class 1 when exactly one coordinate is positive (the quadrants (+, -) and (-, +)), class 0
    otherwise, as in ``logic_gate("xor")`` with "positive" for 1. Gaussian noise of std
    ``noise`` is added after labelling, so points near the axes can cross over.

    Returns: X (n, 2) float64, y (n,) int64 in {0, 1}.
    """
    n = check_int("n", n, 2)
    noise = check_float("noise", noise)
    rng = np.random.default_rng(seed)
    y = balanced_labels(n, 2, rng)
    first = rng.integers(0, 2, n)  # the sign bit of x0
    second = first ^ y  # the sign bit of x1
    signs = np.stack([2 * first - 1, 2 * second - 1], axis=1)
    X = signs * rng.uniform(0, 1, (n, 2))
    return X + noise * rng.standard_normal((n, 2)), y
