"""Mistake: returns the two gradients in the wrong order (d_fake_logits first)."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = float(np.mean(np.logaddexp(0.0, -real)) + np.mean(np.logaddexp(0.0, fake)))
    s_real = np.exp(-np.logaddexp(0.0, -real))
    s_fake = np.exp(-np.logaddexp(0.0, -fake))
    return loss, s_fake / fake.size, (s_real - 1.0) / real.size
