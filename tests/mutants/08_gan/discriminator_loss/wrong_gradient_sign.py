"""Mistake: the gradients with the wrong sign (label minus prediction), the direction of gradient ascent."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = float(np.mean(np.logaddexp(0.0, -real)) + np.mean(np.logaddexp(0.0, fake)))
    s_real = np.exp(-np.logaddexp(0.0, -real))
    s_fake = np.exp(-np.logaddexp(0.0, -fake))
    return loss, (1.0 - s_real) / real.size, -s_fake / fake.size
