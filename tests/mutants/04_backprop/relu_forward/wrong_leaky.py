# Mistake: a leaky ReLU (0.01 x for negatives) instead of a ReLU.
def relu_forward(x):
    """ReLU layer: out = max(0, x) elementwise, cache for relu_backward."""
    return np.where(x > 0, x, 0.01 * x), x
