# Mistake: subtracts the max in place (`logits -= ...`), changing the caller's array.
def softmax_cross_entropy(logits, y):
    """Mean softmax cross-entropy over the batch and its gradient: logits (N, C), y (N,) -> (loss, dlogits)."""
    N = logits.shape[0]
    logits -= logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(N), y].mean()
    dlogits = np.exp(log_probs)
    dlogits[np.arange(N), y] -= 1.0
    return float(loss), dlogits / N
