"""Plain dropout: drops units but does not scale the survivors by 1 / (1 - p)."""
def dropout_forward(x, p, train, rng):
    x = np.asarray(x, dtype=np.float64)
    if not train:
        return x.copy(), (None, p, False)
    keep = rng.random(x.shape) >= p
    return x * keep, (keep, p, True)
