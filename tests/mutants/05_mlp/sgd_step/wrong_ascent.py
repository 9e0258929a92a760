"""Gradient ascent: adds the gradient instead of subtracting it."""
def sgd_step(params, grads, lr):
    return [(W + lr * dW, b + lr * db) for (W, b), (dW, db) in zip(params, grads)]
