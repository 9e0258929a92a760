"""Mistake: the fakes' cross-entropy with label 0 (the discriminator's fake half), -mean(log(1 - sigmoid(l))): it teaches G to look fake."""
def generator_loss(fake_logits):
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = np.mean(np.maximum(fake, 0.0) + np.log1p(np.exp(-np.abs(fake))))
    e = np.exp(-np.abs(fake))
    sigmoid = np.where(fake >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(loss), sigmoid / fake.size
