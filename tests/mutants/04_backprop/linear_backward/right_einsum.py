# Correct: einsum, with db as dout^T times a column of ones.
def linear_backward(dout, cache):
    """Backward pass of linear_forward: dout (N, M) -> dx (N, D), dW (D, M), db (M,)."""
    x, W, b = cache
    dx = np.einsum("nm,dm->nd", dout, W)
    dW = np.einsum("nd,nm->dm", x, dout)
    db = dout.T @ np.ones(dout.shape[0])
    return dx, dW, db
