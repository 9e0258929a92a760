"""Forgets the output layer's bias: logits = h @ W_L."""
def mlp_forward(X, params):
    h, caches = X, []
    for index, (W, b) in enumerate(params):
        if index < len(params) - 1:
            z, linear_cache = linear_forward(h, W, b)
            h, relu_cache = relu_forward(z)
        else:
            h, linear_cache = linear_forward(h, W, np.zeros_like(b))
            relu_cache = None
        caches.append((linear_cache, relu_cache))
    return h, caches
