# Mistake: dW in the wrong order, dout.T @ x (shape (M, D), the transpose).
def linear_backward(dout, cache):
    """Backward pass of linear_forward: dout (N, M) -> dx (N, D), dW (D, M), db (M,)."""
    x, W, b = cache
    return dout @ W.T, dout.T @ x, dout.sum(axis=0)
