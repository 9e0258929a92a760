# Clips every entry to [-max_norm, max_norm] (value clipping) instead of rescaling by the norm.
def clip_gradients(grads, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in grads]
