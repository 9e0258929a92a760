"""max and sum without keepdims: broadcasting fails, or silently pairs the wrong axes on square input."""
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis))
    return e / np.sum(e, axis=axis)
