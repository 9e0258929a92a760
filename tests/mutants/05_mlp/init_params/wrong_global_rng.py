"""Draws from the global np.random instead of np.random.default_rng(seed): the seed is ignored."""
def init_params(layer_sizes, seed=0, scheme="he"):
    params = []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        std = np.sqrt(2.0 / fan_in) if scheme == "he" else np.sqrt(2.0 / (fan_in + fan_out))
        params.append((np.random.randn(fan_in, fan_out) * std, np.zeros(fan_out)))
    return params
