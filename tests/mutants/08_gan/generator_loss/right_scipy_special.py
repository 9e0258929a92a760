"""Correct: scipy.special.log_expit and expit."""
def generator_loss(fake_logits):
    from scipy.special import expit, log_expit

    fake = np.array(fake_logits, dtype=float)
    return -log_expit(fake).mean().item(), (expit(fake) - 1.0) / fake.shape[0]
