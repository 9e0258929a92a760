# Mistake: uses x >= 0, so the gradient passes at exactly x = 0.
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where x > 0, else 0."""
    x = cache
    return dout * (x >= 0)
