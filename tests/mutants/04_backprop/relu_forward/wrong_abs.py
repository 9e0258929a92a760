# Mistake: |x| instead of max(0, x).
def relu_forward(x):
    """ReLU layer: out = max(0, x) elementwise, cache for relu_backward."""
    return np.abs(x), x
