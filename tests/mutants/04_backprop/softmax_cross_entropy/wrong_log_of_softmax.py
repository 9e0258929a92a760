# Mistake: shifts by the max but takes log of the probabilities, which underflow to 0 (loss inf) for large logit gaps.
def softmax_cross_entropy(logits, y):
    """Mean softmax cross-entropy over the batch and its gradient: logits (N, C), y (N,) -> (loss, dlogits)."""
    N = logits.shape[0]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore"):
        loss = -np.log(probs[np.arange(N), y]).mean()
    dlogits = probs.copy()
    dlogits[np.arange(N), y] -= 1.0
    return float(loss), dlogits / N
