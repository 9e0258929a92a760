# Correct: np.where.
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where x > 0, else 0."""
    x = cache
    return np.where(x > 0, dout, 0.0)
