def binary_cross_entropy(p, y, eps=1e-12):
    """Mistake: adds eps inside the logs instead of clipping p."""
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
