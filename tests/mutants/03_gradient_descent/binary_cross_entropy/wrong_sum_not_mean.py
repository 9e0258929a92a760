def binary_cross_entropy(p, y, eps=1e-12):
    """Mistake: sums over the samples instead of averaging."""
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    y = np.asarray(y, dtype=float)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
