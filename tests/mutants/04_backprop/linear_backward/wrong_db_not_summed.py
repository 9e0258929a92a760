# Mistake: db not summed over the batch (returns dout itself, shape (N, M)).
def linear_backward(dout, cache):
    """Backward pass of linear_forward: dout (N, M) -> dx (N, D), dW (D, M), db (M,)."""
    x, W, b = cache
    return dout @ W.T, x.T @ dout, dout
