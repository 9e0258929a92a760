def mse(y_pred, y):
    """Mistake: forgets the square, so positive and negative errors cancel."""
    return float(np.mean(np.asarray(y_pred, dtype=float) - np.asarray(y, dtype=float)))
