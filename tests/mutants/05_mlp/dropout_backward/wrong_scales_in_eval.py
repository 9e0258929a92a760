"""Scales the gradient by 1 / (1 - p) in evaluation mode too."""
def dropout_backward(dout, cache):
    keep, p, train = cache
    if not train:
        return np.asarray(dout, dtype=np.float64) / (1.0 - p)
    return dout * keep / (1.0 - p)
