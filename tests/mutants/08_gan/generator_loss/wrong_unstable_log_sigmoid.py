"""Mistake: -log(sigmoid(l)) computed as written: exp overflows and log(0) = -inf at l = -1000."""
def generator_loss(fake_logits):
    fake = np.asarray(fake_logits, dtype=np.float64)
    sigmoid = 1.0 / (1.0 + np.exp(-fake))
    return float(-np.mean(np.log(sigmoid))), (sigmoid - 1.0) / fake.size
