# Mistake: np.max(x, 0) reduces over axis 0 instead of comparing with 0 elementwise.
def relu_forward(x):
    """ReLU layer: out = max(0, x) elementwise, cache for relu_backward."""
    return np.max(x, 0), x
