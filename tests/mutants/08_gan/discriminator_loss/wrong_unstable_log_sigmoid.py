"""Mistake: the textbook formula log(sigmoid(l)) and log(1 - sigmoid(l)): overflow, log(0) = -inf at +-1000."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)
    s_real = 1.0 / (1.0 + np.exp(-real))
    s_fake = 1.0 / (1.0 + np.exp(-fake))
    loss = -np.mean(np.log(s_real)) - np.mean(np.log(1.0 - s_fake))
    return float(loss), (s_real - 1.0) / real.size, s_fake / fake.size
