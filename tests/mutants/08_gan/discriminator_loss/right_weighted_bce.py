"""Correct: the general BCE-with-logits max(l, 0) - l*y + log1p(exp(-|l|)) on both halves at once, each sample weighted 1/N of its half."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64).ravel()
    fake = np.asarray(fake_logits, dtype=np.float64).ravel()
    logits = np.concatenate([real, fake])
    labels = np.concatenate([np.ones_like(real), np.zeros_like(fake)])
    weights = np.concatenate([np.full(real.size, 1.0 / real.size), np.full(fake.size, 1.0 / fake.size)])
    per_sample = np.maximum(logits, 0.0) - logits * labels + np.log1p(np.exp(-np.abs(logits)))
    sigmoid = np.empty_like(logits)
    positive = logits >= 0
    sigmoid[positive] = 1.0 / (1.0 + np.exp(-logits[positive]))
    exp_negative = np.exp(logits[~positive])
    sigmoid[~positive] = exp_negative / (1.0 + exp_negative)
    grads = weights * (sigmoid - labels)
    return float(np.sum(weights * per_sample)), grads[: real.size], grads[real.size:]
