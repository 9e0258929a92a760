"""exp(z - logsumexp(z)) along `axis`, logsumexp computed with the max shift."""
def softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    top = np.max(z, axis=axis, keepdims=True)
    logsumexp = top + np.log(np.sum(np.exp(z - top), axis=axis, keepdims=True))
    return np.exp(z - logsumexp)
