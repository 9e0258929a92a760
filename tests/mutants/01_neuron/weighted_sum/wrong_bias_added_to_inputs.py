# Mistake: adds the bias to every input before weighting: (x + b) @ w.
def weighted_sum(x, w, b):
    return (np.asarray(x, dtype=float) + b) @ np.asarray(w, dtype=float)
