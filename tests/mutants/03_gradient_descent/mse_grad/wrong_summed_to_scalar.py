def mse_grad(y_pred, y):
    """Mistake: sums the gradient into one number instead of one entry per prediction."""
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.sum(2.0 * (y_pred - y) / y_pred.size))
