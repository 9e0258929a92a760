"""Updates the weights but returns the biases unchanged."""
def sgd_step(params, grads, lr):
    return [(W - lr * dW, b) for (W, b), (dW, _) in zip(params, grads)]
