def binary_cross_entropy(p, y, eps=1e-12):
    """Correct: dot products of the labels with the logs, log1p for log(1 - p)."""
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps).ravel()
    y = np.asarray(y, dtype=float).ravel()
    return float(-(y @ np.log(p) + (1 - y) @ np.log1p(-p)) / p.size)
