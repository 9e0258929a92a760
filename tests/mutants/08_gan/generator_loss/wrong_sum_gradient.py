"""Mistake: the gradient of the summed loss (no 1/N), while the loss is the mean."""
def generator_loss(fake_logits):
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = np.mean(np.maximum(-fake, 0.0) + np.log1p(np.exp(-np.abs(fake))))
    e = np.exp(-np.abs(fake))
    sigmoid = np.where(fake >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(loss), sigmoid - 1.0
