def binary_cross_entropy(p, y, eps=1e-12):
    """Mistake: clips p from above only, so p = 0 with label 1 gives log(0)."""
    p = np.minimum(np.asarray(p, dtype=float), 1 - eps)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
