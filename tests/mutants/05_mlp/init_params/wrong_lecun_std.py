"""std sqrt(1 / fan_in) (LeCun) instead of He's sqrt(2 / fan_in)."""
def init_params(layer_sizes, seed=0, scheme="he"):
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        std = np.sqrt(1.0 / fan_in) if scheme == "he" else np.sqrt(2.0 / (fan_in + fan_out))
        params.append((rng.normal(0.0, std, size=(fan_in, fan_out)), np.zeros(fan_out)))
    return params
