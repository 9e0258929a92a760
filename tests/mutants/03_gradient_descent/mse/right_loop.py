def mse(y_pred, y):
    """Correct: an explicit loop over every entry."""
    y_pred = np.asarray(y_pred, dtype=float)
    y = np.asarray(y, dtype=float)
    total = 0.0
    for a, b in zip(y_pred.ravel(), y.ravel()):
        total += (a - b) ** 2
    return total / y_pred.size
