"""Written out with NumPy from the cache contents, gradients collected then reversed."""
def mlp_backward(dlogits, caches):
    collected = []
    dout = np.asarray(dlogits, dtype=float)
    for index in reversed(range(len(caches))):
        (x, W), z = caches[index]
        if index != len(caches) - 1:
            dout = dout * (z > 0)
        collected.append((x.T @ dout, dout.sum(axis=0)))
        dout = dout @ W.T
    return collected[::-1]
