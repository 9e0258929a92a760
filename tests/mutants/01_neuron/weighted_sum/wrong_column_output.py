# Mistake: uses w as a column, so a batch gives shape (N, 1) instead of (N,).
def weighted_sum(x, w, b):
    return np.asarray(x, dtype=float) @ np.asarray(w, dtype=float).reshape(-1, 1) + b
