def mse_grad(y_pred, y):
    """Mistake: differentiates with respect to y instead of y_pred (sign flipped)."""
    y_pred = np.asarray(y_pred, dtype=float)
    return 2.0 * (y - y_pred) / y_pred.size
