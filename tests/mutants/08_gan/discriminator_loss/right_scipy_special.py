"""Correct: scipy.special's log_expit (log sigmoid) and expit (sigmoid), both stable."""
def discriminator_loss(real_logits, fake_logits):
    from scipy.special import expit, log_expit

    real = np.array(real_logits, dtype=float)
    fake = np.array(fake_logits, dtype=float)
    loss = -log_expit(real).mean() - log_expit(-fake).mean()
    return loss.item(), (expit(real) - 1) / real.shape[0], expit(fake) / fake.shape[0]
