# Mistake: mixes up the layers and applies a ReLU inside the linear layer.
def linear_forward(x, W, b):
    """A fully connected (affine) layer: out = x @ W + b. x (N, D), W (D, M), b (M,) -> out (N, M), cache."""
    return np.maximum(x @ W + b, 0.0), (x, W, b)
