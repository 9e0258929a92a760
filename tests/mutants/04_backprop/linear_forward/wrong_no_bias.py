# Mistake: forgets the bias (out = x @ W).
def linear_forward(x, W, b):
    """A fully connected (affine) layer: out = x @ W + b. x (N, D), W (D, M), b (M,) -> out (N, M), cache."""
    return x @ W, (x, W, b)
