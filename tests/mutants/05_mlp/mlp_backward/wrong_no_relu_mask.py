"""Forgets the ReLU mask: gradients flow through inactive hidden units too."""
def mlp_backward(dlogits, caches):
    grads = [None] * len(caches)
    dout = dlogits
    for index in range(len(caches) - 1, -1, -1):
        linear_cache, _ = caches[index]
        dout, dW, db = linear_backward(dout, linear_cache)
        grads[index] = (dW, db)
    return grads
