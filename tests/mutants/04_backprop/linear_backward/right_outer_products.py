# Correct: sum of per-example outer products, one example at a time.
def linear_backward(dout, cache):
    """Backward pass of linear_forward: dout (N, M) -> dx (N, D), dW (D, M), db (M,)."""
    x, W, b = cache
    dx = np.zeros(x.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(W.shape[1])
    for n in range(x.shape[0]):
        dx[n] = W @ dout[n]
        dW += np.outer(x[n], dout[n])
        db += dout[n]
    return dx, dW, db
