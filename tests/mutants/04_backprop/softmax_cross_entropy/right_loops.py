# Correct: one example at a time with math.
def softmax_cross_entropy(logits, y):
    """Mean softmax cross-entropy over the batch and its gradient: logits (N, C), y (N,) -> (loss, dlogits)."""
    N, C = logits.shape
    total = 0.0
    dlogits = np.zeros((N, C))
    for n in range(N):
        row = [float(v) for v in logits[n]]
        m = max(row)
        s = sum(math.exp(v - m) for v in row)
        total += m + math.log(s) - row[int(y[n])]
        for k in range(C):
            dlogits[n, k] = math.exp(row[k] - m) / s / N
        dlogits[n, int(y[n])] -= 1.0 / N
    return total / N, dlogits
