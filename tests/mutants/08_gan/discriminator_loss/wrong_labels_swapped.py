"""Mistake: labels swapped, real samples labelled 0 and fakes labelled 1."""
def discriminator_loss(real_logits, fake_logits):
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)

    def softplus(x):
        return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))

    def sigmoid(x):
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    loss = float(np.mean(softplus(real)) + np.mean(softplus(-fake)))
    return loss, sigmoid(real) / real.size, (sigmoid(fake) - 1.0) / fake.size
