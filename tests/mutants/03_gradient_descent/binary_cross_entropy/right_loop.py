def binary_cross_entropy(p, y, eps=1e-12):
    """Correct: a Python loop with math.log."""
    p = np.asarray(p, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    total = 0.0
    for pi, yi in zip(p, y):
        pi = min(max(pi, eps), 1.0 - eps)
        total += -(yi * math.log(pi) + (1.0 - yi) * math.log(1.0 - pi))
    return total / len(p)
