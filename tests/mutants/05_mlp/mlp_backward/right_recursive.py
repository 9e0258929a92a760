"""Recursion: the gradients of the layers below come from the gradient flowing out of this one."""
def mlp_backward(dlogits, caches):
    def backward_from(index, dout):
        linear_cache, relu_cache = caches[index]
        if index < len(caches) - 1:
            dout = relu_backward(dout, relu_cache)
        dx, dW, db = linear_backward(dout, linear_cache)
        below = backward_from(index - 1, dx) if index > 0 else []
        return below + [(dW, db)]
    return backward_from(len(caches) - 1, dlogits)
