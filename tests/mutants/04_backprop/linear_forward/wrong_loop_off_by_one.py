# Mistake: a row loop that stops one example early (range(N - 1)), leaving the last row 0.
def linear_forward(x, W, b):
    """A fully connected (affine) layer: out = x @ W + b. x (N, D), W (D, M), b (M,) -> out (N, M), cache."""
    N, M = x.shape[0], W.shape[1]
    out = np.zeros((N, M))
    for n in range(N - 1):
        out[n] = x[n] @ W + b
    return out, (x, W, b)
