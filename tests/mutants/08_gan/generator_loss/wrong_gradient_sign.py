"""Mistake: the gradient with the wrong sign, (1 - sigmoid(l)) / N: a step would push the fakes towards "fake"."""
def generator_loss(fake_logits):
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = np.mean(np.maximum(-fake, 0.0) + np.log1p(np.exp(-np.abs(fake))))
    e = np.exp(-np.abs(fake))
    sigmoid = np.where(fake >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(loss), (1.0 - sigmoid) / fake.size
