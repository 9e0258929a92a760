"""Scales by 1 / (1 - p) in evaluation too: inverted dropout must be the identity at test time."""
def dropout_forward(x, p, train, rng):
    x = np.asarray(x, dtype=np.float64)
    if not train:
        return x / (1.0 - p), (None, p, False)
    keep = rng.random(x.shape) >= p
    return x * keep / (1.0 - p), (keep, p, True)
