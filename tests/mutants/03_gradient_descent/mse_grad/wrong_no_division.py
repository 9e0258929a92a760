def mse_grad(y_pred, y):
    """Mistake: the gradient of the sum of squares, not of the mean (no 1/N)."""
    return 2.0 * (np.asarray(y_pred, dtype=float) - y)
