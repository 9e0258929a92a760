"""Forgot a factor: 1 - sigmoid(z) instead of sigmoid(z) * (1 - sigmoid(z))."""
def sigmoid_grad(z):
    return 1.0 - sigmoid(z)
