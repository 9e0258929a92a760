def binary_cross_entropy(p, y, eps=1e-12):
    """Mistake: no clipping, so p = 0 or 1 gives inf or nan."""
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
