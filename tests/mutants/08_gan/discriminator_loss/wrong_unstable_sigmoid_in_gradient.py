"""Mistake: a stable loss, but the gradient's sigmoid is 1 / (1 + exp(-l)), which overflows (with a warning) at l = -1000."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = float(np.mean(np.logaddexp(0.0, -real)) + np.mean(np.logaddexp(0.0, fake)))
    s_real = 1.0 / (1.0 + np.exp(-real))
    s_fake = 1.0 / (1.0 + np.exp(-fake))
    return loss, (s_real - 1.0) / real.size, s_fake / fake.size
