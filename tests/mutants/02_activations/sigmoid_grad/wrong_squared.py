"""Confused with tanh's rule: 1 - sigmoid(z)**2."""
def sigmoid_grad(z):
    return 1.0 - sigmoid(z) ** 2
