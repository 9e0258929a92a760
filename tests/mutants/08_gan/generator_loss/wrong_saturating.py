"""Mistake: the saturating minimax loss mean(log(1 - sigmoid(l))), whose gradient vanishes where D rejects the fakes."""
def generator_loss(fake_logits):
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = -np.mean(np.logaddexp(0.0, fake))  # log(1 - sigmoid(l)) = -softplus(l)
    sigmoid = np.exp(-np.logaddexp(0.0, -fake))
    return float(loss), -sigmoid / fake.size
