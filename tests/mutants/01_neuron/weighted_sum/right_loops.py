"""Correct: explicit Python loops, one row at a time."""
def weighted_sum(x, w, b):
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        total = 0.0
        for x_j, w_j in zip(x, w):
            total += x_j * w_j
        return total + b
    out = np.zeros(x.shape[0])
    for n in range(x.shape[0]):
        for j in range(x.shape[1]):
            out[n] += x[n, j] * w[j]
        out[n] += b
    return out
