"""Subtracts each row's maximum from the logits (that stability trick belongs inside softmax)."""
def mlp_forward(X, params):
    h, caches = X, []
    for index, (W, b) in enumerate(params):
        z, linear_cache = linear_forward(h, W, b)
        if index < len(params) - 1:
            h, relu_cache = relu_forward(z)
        else:
            h, relu_cache = z, None
        caches.append((linear_cache, relu_cache))
    return h - h.max(axis=1, keepdims=True), caches
