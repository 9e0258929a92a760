# Mistake: returns dout unchanged (forgets the mask).
def relu_backward(dout, cache):
    """Backward pass of relu_forward: dout where x > 0, else 0."""
    x = cache
    return dout
