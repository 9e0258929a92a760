# Correct: np.where on a mask.
def relu_forward(x):
    """ReLU layer: out = max(0, x) elementwise, cache for relu_backward."""
    return np.where(x > 0, x, 0.0), x
