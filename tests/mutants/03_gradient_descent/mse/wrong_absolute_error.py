def mse(y_pred, y):
    """Mistake: mean absolute error instead of mean squared error."""
    return float(np.mean(np.abs(np.asarray(y_pred, dtype=float) - np.asarray(y, dtype=float))))
