def mse(y_pred, y):
    """Correct: the sum of squares as a dot product."""
    d = (np.asarray(y_pred, dtype=float) - np.asarray(y, dtype=float)).ravel()
    return float(d @ d / d.size)
