# Correct: copy dout, then zero where x <= 0.
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where x > 0, else 0."""
    x = cache
    dx = np.array(dout, dtype=float)
    dx[x <= 0] = 0.0
    return dx
