"""Draws the mask from np.random instead of the rng argument: not reproducible."""
def dropout_forward(x, p, train, rng):
    x = np.asarray(x, dtype=np.float64)
    if not train:
        return x.copy(), (None, p, False)
    keep = np.random.rand(*x.shape) >= p
    return x * keep / (1.0 - p), (keep, p, True)
