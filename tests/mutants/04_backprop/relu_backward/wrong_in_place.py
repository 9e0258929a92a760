# Mistake: zeroes entries of the caller's dout in place.
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where x > 0, else 0."""
    x = cache
    dout[x <= 0] = 0.0
    return dout
