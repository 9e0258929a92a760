# Mistake: divides dW and db by the batch size (the loss's gradient already carries 1/N).
def linear_backward(dout, cache):
    """Backward pass of linear_forward: dout (N, M) -> dx (N, D), dW (D, M), db (M,)."""
    x, W, b = cache
    N = x.shape[0]
    return dout @ W.T, x.T @ dout / N, dout.sum(axis=0) / N
