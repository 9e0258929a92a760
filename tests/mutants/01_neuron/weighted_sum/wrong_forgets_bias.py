# Mistake: forgets the bias b (returns x @ w).
def weighted_sum(x, w, b):
    return np.asarray(x, dtype=float) @ np.asarray(w, dtype=float)
