"""Hidden layers in one loop, then the output layer on its own."""
def mlp_forward(X, params):
    *hidden, (W_out, b_out) = params
    h, caches = X, []
    for W, b in hidden:
        z, linear_cache = linear_forward(h, W, b)
        h, relu_cache = relu_forward(z)
        caches.append((linear_cache, relu_cache))
    logits, linear_cache = linear_forward(h, W_out, b_out)
    caches.append((linear_cache, None))
    return logits, caches
