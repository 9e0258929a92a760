"""The 8-Gaussian ring, a standard test of mode collapse in GANs.

Real data: ``modes`` small Gaussians evenly spaced on a circle. A generator that has collapsed
puts all its samples on one or a few of them; :func:`modes_covered` counts how many it reaches.
"""

from __future__ import annotations

import math

import numpy as np

from gradschool.data._validate import check_float, check_int


def ring_centers(modes: int = 8, radius: float = 2.0) -> np.ndarray:
    """The centres of the ring's modes: (modes, 2) float64, mode k at angle 2*pi*k/modes."""
    modes = check_int("modes", modes, 1)
    radius = check_float("radius", radius, positive=True)
    angles = 2 * np.pi * np.arange(modes) / modes
    return radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)


def make_ring(n: int = 1000, modes: int = 8, radius: float = 2.0, std: float = 0.05, seed: int = 0):
    """Samples from the ring: every mode gets n // modes or n // modes + 1 of them.

    Returns:
        X: (n, 2) float64, the samples.
        mode: (n,) int64, the mode each sample was drawn from.
    """
    n = check_int("n", n, 1)
    std = check_float("std", std)
    centers = ring_centers(modes, radius)
    rng = np.random.default_rng(seed)
    mode = rng.permutation(np.arange(n) % modes).astype(np.int64)
    X = centers[mode] + std * rng.standard_normal((n, 2))
    return X, mode


def modes_covered(samples, modes: int = 8, radius: float = 2.0, std: float = 0.05,
                  threshold: float = 3.0, min_count=None) -> int:
    """How many of the ring's modes the samples cover.

    The rule: a sample is *near* a mode when it lies within ``threshold * std`` of that mode's
    centre (with the defaults, 0.15 from it; the modes are 1.53 apart, so a sample is near at
    most one). A mode is *covered* when at least ``min_count`` samples are near it. By default
    ``min_count`` is a quarter of a mode's fair share, ``ceil(len(samples) / (4 * modes))``
    (at least 1), so a mode that gets only a stray sample or two does not count.

    Args:
        samples: (m, 2) array (or a CPU torch tensor) of generated points.

    Returns: an int between 0 and ``modes``; ``modes`` for samples from :func:`make_ring`,
        1 for samples all at one mode.
    """
    if hasattr(samples, "detach"):  # a torch tensor
        samples = samples.detach().cpu().numpy()
    samples = np.asarray(samples, dtype=np.float64)
    if samples.ndim != 2 or samples.shape[1] != 2:
        raise ValueError(f"samples must have shape (m, 2), got {samples.shape}")
    threshold = check_float("threshold", threshold, positive=True)
    std = check_float("std", std, positive=True)
    centers = ring_centers(modes, radius)
    if min_count is None:
        min_count = max(1, math.ceil(len(samples) / (4 * len(centers))))
    min_count = check_int("min_count", min_count, 1)

    distances = np.linalg.norm(samples[:, None, :] - centers[None, :, :], axis=2)  # (m, modes)
    nearest = distances.argmin(axis=1)
    near = distances.min(axis=1) <= threshold * std
    counts = np.bincount(nearest[near], minlength=len(centers))
    return int((counts >= min_count).sum())
