"""np.where on the stored mask."""
def dropout_backward(dout, cache):
    keep, p, train = cache
    dout = np.asarray(dout, dtype=np.float64)
    if not train:
        return dout.copy()
    return np.where(keep, dout / (1.0 - p), 0.0)
