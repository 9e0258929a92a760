"""Bernoulli mask from rng.binomial, survivors scaled with np.where."""
def dropout_forward(x, p, train, rng):
    x = np.array(x, dtype=np.float64)
    if not train:
        return x, (None, p, False)
    keep = rng.binomial(1, 1.0 - p, size=x.shape).astype(bool)
    return np.where(keep, x / (1.0 - p), 0.0), (keep, p, True)
