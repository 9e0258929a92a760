"""Mistake: a stable loss, but the gradient's sigmoid 1 / (1 + exp(-l)) overflows (with a warning) at l = -1000."""
def generator_loss(fake_logits):
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = np.mean(np.logaddexp(0.0, -fake))
    return float(loss), (1.0 / (1.0 + np.exp(-fake)) - 1.0) / fake.size
