# Correct: the reference solution, x @ W + b.
def linear_forward(x, W, b):
    """A fully connected (affine) layer: out = x @ W + b. x (N, D), W (D, M), b (M,) -> out (N, M), cache."""
    out = x @ W + b
    return out, (x, W, b)
