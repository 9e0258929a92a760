"""Updates the arrays in place (W -= lr * dW): the caller's params change."""
def sgd_step(params, grads, lr):
    for (W, b), (dW, db) in zip(params, grads):
        W -= lr * dW
        b -= lr * db
    return params
