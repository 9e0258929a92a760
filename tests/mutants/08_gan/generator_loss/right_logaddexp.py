"""Correct: -log sigmoid(l) = logaddexp(0, -l), and 1 - sigmoid(l) = exp(-logaddexp(0, l))."""
def generator_loss(fake_logits):
    fake = np.asarray(fake_logits, dtype=np.float64)
    return float(np.mean(np.logaddexp(0.0, -fake))), -np.exp(-np.logaddexp(0.0, fake)) / len(fake)
