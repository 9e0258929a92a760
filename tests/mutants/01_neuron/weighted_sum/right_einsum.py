"""Correct: einsum over the last axis, works for (D,) and (N, D)."""
def weighted_sum(x, w, b):
    return np.einsum("...d,d->...", np.asarray(x, dtype=float), np.asarray(w, dtype=float)) + b
