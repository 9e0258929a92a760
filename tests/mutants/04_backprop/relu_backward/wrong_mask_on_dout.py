# Mistake: masks with the sign of dout instead of the sign of x.
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where x > 0, else 0."""
    x = cache
    return dout * (dout > 0)
