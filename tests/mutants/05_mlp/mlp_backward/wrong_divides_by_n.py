"""Divides the weight gradients by N again, although dlogits already carries the 1/N."""
def mlp_backward(dlogits, caches):
    grads = [None] * len(caches)
    dout = dlogits
    n = dlogits.shape[0]
    last = len(caches) - 1
    for index in range(last, -1, -1):
        linear_cache, relu_cache = caches[index]
        if index < last:
            dout = relu_backward(dout, relu_cache)
        dout, dW, db = linear_backward(dout, linear_cache)
        grads[index] = (dW / n, db / n)
    return grads
