"""Builds the scaled mask first, then multiplies."""
def dropout_backward(dout, cache):
    keep, p, train = cache
    scaled_mask = keep.astype(np.float64) / (1.0 - p) if train else 1.0
    return np.asarray(dout, dtype=np.float64) * scaled_mask
