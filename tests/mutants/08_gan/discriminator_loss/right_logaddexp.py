"""Correct: softplus as np.logaddexp(0, x), and the sigmoid as exp(-softplus(-x))."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = np.mean(np.logaddexp(0.0, -real)) + np.mean(np.logaddexp(0.0, fake))
    s_real = np.exp(-np.logaddexp(0.0, -real))
    s_fake = np.exp(-np.logaddexp(0.0, -fake))
    return float(loss), (s_real - 1.0) / len(real), s_fake / len(fake)
