# Correct: the reference solution.
def linear_backward(dout, cache):
    """Backward pass of linear_forward: dout (N, M) -> dx (N, D), dW (D, M), db (M,)."""
    x, W, b = cache
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)
