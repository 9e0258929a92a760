"""z -= max: modifies the caller's array."""
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    z -= np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)
