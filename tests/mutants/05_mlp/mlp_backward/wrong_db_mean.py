"""Bias gradient as the batch mean of dout instead of its sum."""
def mlp_backward(dlogits, caches):
    grads = [None] * len(caches)
    dout = dlogits
    last = len(caches) - 1
    for index in range(last, -1, -1):
        linear_cache, relu_cache = caches[index]
        if index < last:
            dout = relu_backward(dout, relu_cache)
        upstream = dout
        dout, dW, _ = linear_backward(dout, linear_cache)
        grads[index] = (dW, upstream.mean(axis=0))
    return grads
