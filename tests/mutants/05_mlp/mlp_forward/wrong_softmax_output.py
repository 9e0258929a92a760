"""Returns softmax probabilities instead of logits (softmax belongs inside the loss)."""
def mlp_forward(X, params):
    h, caches = X, []
    for index, (W, b) in enumerate(params):
        z, linear_cache = linear_forward(h, W, b)
        if index < len(params) - 1:
            h, relu_cache = relu_forward(z)
        else:
            h, relu_cache = z, None
        caches.append((linear_cache, relu_cache))
    e = np.exp(h - h.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), caches
