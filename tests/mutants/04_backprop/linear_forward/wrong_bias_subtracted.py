# Mistake: subtracts the bias instead of adding it.
def linear_forward(x, W, b):
    """A fully connected (affine) layer: out = x @ W + b. x (N, D), W (D, M), b (M,) -> out (N, M), cache."""
    return x @ W - b, (x, W, b)
