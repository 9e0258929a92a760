# Mistake: w @ x instead of x @ w, which mixes up the rows of a batch (or fails when N != D).
def weighted_sum(x, w, b):
    return np.asarray(w, dtype=float) @ np.asarray(x, dtype=float) + b
