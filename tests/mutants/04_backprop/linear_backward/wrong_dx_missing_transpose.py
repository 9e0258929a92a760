# Mistake: dx = dout @ W, missing the transpose of W.
def linear_backward(dout, cache):
    """Backward pass of linear_forward: dout (N, M) -> dx (N, D), dW (D, M), db (M,)."""
    x, W, b = cache
    return dout @ W, x.T @ dout, dout.sum(axis=0)
