def binary_cross_entropy(p, y, eps=1e-12):
    """Mistake: picks one term by the label (y == 1), which is wrong for soft labels."""
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    y = np.asarray(y, dtype=float)
    return float(np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p))))
