"""Copies first, then updates the copies in place."""
def sgd_step(params, grads, lr):
    new_params = []
    for (W, b), (dW, db) in zip(params, grads):
        W_new, b_new = W.copy(), b.copy()
        W_new -= lr * dW
        b_new -= lr * db
        new_params.append((W_new, b_new))
    return new_params
