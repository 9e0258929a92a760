"""Mistake: one mean over the concatenated halves (times 2), not one mean per half: right only when N_real == N_fake."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)
    logits = np.concatenate([real, fake])
    labels = np.concatenate([np.ones(real.size), np.zeros(fake.size)])
    per_sample = np.maximum(logits, 0.0) - logits * labels + np.log1p(np.exp(-np.abs(logits)))
    e = np.exp(-np.abs(logits))
    sigmoid = np.where(logits >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    grads = 2.0 * (sigmoid - labels) / logits.size
    return float(2.0 * np.mean(per_sample)), grads[: real.size], grads[real.size:]
