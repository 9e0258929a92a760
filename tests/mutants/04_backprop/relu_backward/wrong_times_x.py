# Mistake: multiplies by x instead of by the 0/1 mask.
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where x > 0, else 0."""
    x = cache
    return dout * np.maximum(x, 0.0)
