# Mistake: returns the mask (x > 0) instead of the values.
def relu_forward(x):
    """ReLU layer: out = max(0, x) elementwise, cache for relu_backward."""
    return (x > 0).astype(float), x
