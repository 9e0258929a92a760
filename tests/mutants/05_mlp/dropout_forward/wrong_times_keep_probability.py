"""Multiplies the survivors by (1 - p) (the test-time rule of non-inverted dropout) instead of dividing."""
def dropout_forward(x, p, train, rng):
    x = np.asarray(x, dtype=np.float64)
    if not train:
        return x.copy(), (None, p, False)
    keep = rng.random(x.shape) >= p
    return x * keep * (1.0 - p), (keep, p, True)
