def mse(y_pred, y):
    """Mistake: divides by the number of rows (len) instead of the number of entries."""
    d = np.asarray(y_pred, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(d ** 2) / len(d))
