# Mistake: loss summed over the batch instead of averaged.
def softmax_cross_entropy(logits, y):
    """Mean softmax cross-entropy over the batch and its gradient: logits (N, C), y (N,) -> (loss, dlogits)."""
    N = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(N), y].sum()
    dlogits = np.exp(log_probs)
    dlogits[np.arange(N), y] -= 1.0
    return float(loss), dlogits / N
