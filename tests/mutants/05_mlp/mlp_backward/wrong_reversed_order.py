"""Returns the gradients in the order they were computed: last layer first."""
def mlp_backward(dlogits, caches):
    grads = []
    dout = dlogits
    last = len(caches) - 1
    for index in range(last, -1, -1):
        linear_cache, relu_cache = caches[index]
        if index < last:
            dout = relu_backward(dout, relu_cache)
        dout, dW, db = linear_backward(dout, linear_cache)
        grads.append((dW, db))
    return grads
