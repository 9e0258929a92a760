# Correct: probabilities from the shifted logits, a one-hot matrix, and logaddexp.reduce for the log-normaliser.
def softmax_cross_entropy(logits, y):
    """Mean softmax cross-entropy over the batch and its gradient: logits (N, C), y (N,) -> (loss, dlogits)."""
    N, C = logits.shape
    onehot = np.zeros((N, C))
    onehot[np.arange(N), y] = 1.0
    log_norm = np.logaddexp.reduce(logits, axis=1)
    loss = np.mean(log_norm - np.sum(onehot * logits, axis=1))
    m = logits.max(axis=1, keepdims=True)
    e = np.exp(logits - m)
    probs = e / e.sum(axis=1, keepdims=True)
    return loss, (probs - onehot) / N
