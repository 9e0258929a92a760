# Right: flatten everything into one vector, np.linalg.norm, and min(1, max_norm / norm).
def clip_gradients(grads, max_norm):
    flat = np.concatenate([np.ravel(g) for g in grads]) if grads else np.zeros(0)
    norm = np.linalg.norm(flat)
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return [np.array(g, dtype=float) * scale for g in grads]
