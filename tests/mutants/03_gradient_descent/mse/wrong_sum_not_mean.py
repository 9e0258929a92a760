def mse(y_pred, y):
    """Mistake: sums the squared errors instead of averaging them."""
    return float(np.sum((np.asarray(y_pred, dtype=float) - np.asarray(y, dtype=float)) ** 2))
