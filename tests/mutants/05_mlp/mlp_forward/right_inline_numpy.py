"""Written out with NumPy, no helper functions, caches in the same layout."""
def mlp_forward(X, params):
    h = np.asarray(X, dtype=float)
    caches = []
    for W, b in params[:-1]:
        z = h @ W + b
        caches.append(((h, W), z))
        h = np.maximum(z, 0.0)
    W, b = params[-1]
    caches.append(((h, W), None))
    return h @ W + b, caches
