"""Move `axis` last and normalise one slice at a time."""
def softmax(z, axis=-1):
    moved = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    out = np.empty_like(moved)
    for index in np.ndindex(moved.shape[:-1]):
        e = np.exp(moved[index] - moved[index].max())
        out[index] = e / e.sum()
    return np.moveaxis(out, -1, axis)
