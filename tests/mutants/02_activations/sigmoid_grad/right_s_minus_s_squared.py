"""s - s**2 with s = sigmoid(z) (calls the graded sigmoid, as students may)."""
def sigmoid_grad(z):
    s = sigmoid(z)
    return s - s ** 2
