"""Mistake: "stabilised" by clipping the probabilities to [1e-7, 1 - 1e-7]: finite, but wrong for confident logits (16.1 instead of 1000)."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)
    e_real, e_fake = np.exp(-np.abs(real)), np.exp(-np.abs(fake))
    s_real = np.where(real >= 0, 1.0 / (1.0 + e_real), e_real / (1.0 + e_real))
    s_fake = np.where(fake >= 0, 1.0 / (1.0 + e_fake), e_fake / (1.0 + e_fake))
    p_real = np.clip(s_real, 1e-7, 1 - 1e-7)
    p_fake = np.clip(s_fake, 1e-7, 1 - 1e-7)
    loss = -np.mean(np.log(p_real)) - np.mean(np.log(1.0 - p_fake))
    return float(loss), (s_real - 1.0) / real.size, s_fake / fake.size
