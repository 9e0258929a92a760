def binary_cross_entropy(p, y, eps=1e-12):
    """Mistake: clips with a hard-coded 1e-12 and ignores the eps argument."""
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
