"""Draws a new random mask in the backward pass instead of reusing the forward one."""
def dropout_backward(dout, cache):
    keep, p, train = cache
    if not train:
        return np.array(dout, dtype=np.float64)
    fresh = np.random.default_rng().random(np.shape(dout)) >= p
    return dout * fresh / (1.0 - p)
