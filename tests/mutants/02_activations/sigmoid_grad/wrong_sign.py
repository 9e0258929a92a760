"""Lost the chain rule's second minus sign: -sigmoid(z) * (1 - sigmoid(z))."""
def sigmoid_grad(z):
    s = sigmoid(z)
    return -s * (1.0 - s)
