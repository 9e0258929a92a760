"""Standard normal draws scaled by the std, schemes looked up in a dict."""
def init_params(layer_sizes, seed=0, scheme="he"):
    variances = {"he": lambda i, o: 2.0 / i, "xavier": lambda i, o: 2.0 / (i + o)}
    rng = np.random.default_rng(seed)
    sizes = list(layer_sizes)
    return [
        (rng.standard_normal((i, o)) * np.sqrt(variances[scheme](i, o)), np.zeros(o))
        for i, o in zip(sizes[:-1], sizes[1:])
    ]
