"""Keeps a unit when a uniform draw falls below 1 - p."""
def dropout_forward(x, p, train, rng):
    x = np.asarray(x, dtype=np.float64)
    if train:
        keep = rng.uniform(0.0, 1.0, size=x.shape) < 1.0 - p
        scale = 1.0 / (1.0 - p)
        return x * (keep * scale), (keep, p, True)
    return x.copy(), (None, p, False)
