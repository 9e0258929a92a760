# Mistake: zeroes the negatives of the caller's array in place.
def relu_forward(x):
    """ReLU layer: out = max(0, x) elementwise, cache for relu_backward."""
    x[x < 0] = 0.0
    return x, x
