# Correct: einsum with an explicit bias broadcast.
def linear_forward(x, W, b):
    """A fully connected (affine) layer: out = x @ W + b. x (N, D), W (D, M), b (M,) -> out (N, M), cache."""
    out = np.einsum("nd,dm->nm", x, W) + b[np.newaxis, :]
    return out, (x, W, b)
