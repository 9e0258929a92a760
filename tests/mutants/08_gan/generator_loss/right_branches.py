"""Correct: separate formulas for positive and negative logits, so exp only ever sees a non-positive number."""
def generator_loss(fake_logits):
    fake = np.asarray(fake_logits, dtype=np.float64)
    n = fake.shape[0]
    per_sample = np.zeros(n)
    one_minus_sigmoid = np.zeros(n)
    for i, l in enumerate(fake):
        if l >= 0:
            per_sample[i] = np.log1p(np.exp(-l))
            one_minus_sigmoid[i] = np.exp(-l) / (1.0 + np.exp(-l))
        else:
            per_sample[i] = -l + np.log1p(np.exp(l))
            one_minus_sigmoid[i] = 1.0 / (1.0 + np.exp(l))
    return float(per_sample.sum() / n), -one_minus_sigmoid / n
