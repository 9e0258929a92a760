"""Passes the variance 2 / fan_in to rng.normal, which expects the standard deviation."""
def init_params(layer_sizes, seed=0, scheme="he"):
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        variance = 2.0 / fan_in if scheme == "he" else 2.0 / (fan_in + fan_out)
        params.append((rng.normal(0.0, variance, size=(fan_in, fan_out)), np.zeros(fan_out)))
    return params
