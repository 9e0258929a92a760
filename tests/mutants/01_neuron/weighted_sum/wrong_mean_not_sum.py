# Mistake: averages the weighted inputs instead of adding them up.
def weighted_sum(x, w, b):
    return np.mean(np.asarray(x, dtype=float) * w, axis=-1) + b
