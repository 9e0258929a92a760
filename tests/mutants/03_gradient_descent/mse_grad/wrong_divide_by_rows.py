def mse_grad(y_pred, y):
    """Mistake: divides by the number of rows (len) instead of the number of entries."""
    y_pred = np.asarray(y_pred, dtype=float)
    return 2.0 * (y_pred - y) / len(y_pred)
