"""ReLU after every layer, the output layer included: logits can no longer be negative."""
def mlp_forward(X, params):
    h, caches = X, []
    for W, b in params:
        z, linear_cache = linear_forward(h, W, b)
        h, relu_cache = relu_forward(z)
        caches.append((linear_cache, relu_cache))
    return h, caches
