def binary_cross_entropy(p, y, eps=1e-12):
    """Mistake: clips p from below only, so p = 1 with label 0 gives log(0)."""
    p = np.maximum(np.asarray(p, dtype=float), eps)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
