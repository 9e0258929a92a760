# Correct: the reference solution.
def relu_forward(x):
    """ReLU layer: out = max(0, x) elementwise, cache for relu_backward."""
    return np.maximum(x, 0.0), x
