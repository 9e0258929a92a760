# Correct: copy x, then zero every entry that is not positive.
def relu_forward(x):
    """ReLU layer: out = max(0, x) elementwise, cache for relu_backward."""
    out = x.copy()
    out[~(x > 0)] = 0.0
    return out, x
