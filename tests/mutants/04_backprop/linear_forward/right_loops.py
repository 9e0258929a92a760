# Correct: one example at a time, np.dot per row.
def linear_forward(x, W, b):
    """A fully connected (affine) layer: out = x @ W + b. x (N, D), W (D, M), b (M,) -> out (N, M), cache."""
    N, M = x.shape[0], W.shape[1]
    out = np.zeros((N, M))
    for n in range(N):
        out[n] = np.dot(x[n], W) + b
    return out, (x, W, b)
