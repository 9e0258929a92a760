"""Default axis=0 instead of -1: a (N, C) batch is normalised per column."""
def softmax(z, axis=0):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
