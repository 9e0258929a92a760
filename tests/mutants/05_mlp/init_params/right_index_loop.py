"""An index loop, the std written as a power, float64 arrays built explicitly."""
def init_params(layer_sizes, seed=0, scheme="he"):
    rng = np.random.default_rng(seed)
    params = []
    for l in range(len(layer_sizes) - 1):
        n_in, n_out = int(layer_sizes[l]), int(layer_sizes[l + 1])
        denominator = n_in if scheme == "he" else (n_in + n_out)
        W = rng.normal(loc=0.0, scale=(2.0 / denominator) ** 0.5, size=(n_in, n_out)).astype(np.float64)
        b = np.zeros((n_out,), dtype=np.float64)
        params.append((W, b))
    return params
