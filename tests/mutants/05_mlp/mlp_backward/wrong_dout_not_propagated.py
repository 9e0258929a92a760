"""Never passes dx down: every layer is fed dlogits (through its ReLU mask) instead of the gradient from above."""
def mlp_backward(dlogits, caches):
    grads = [None] * len(caches)
    last = len(caches) - 1
    for index in range(last, -1, -1):
        linear_cache, relu_cache = caches[index]
        dout = dlogits if index == last else relu_backward(dlogits, relu_cache)
        _, dW, db = linear_backward(dout, linear_cache)
        grads[index] = (dW, db)
    return grads
