"""Correct: one discriminator pass over the real and fake samples stacked, split for the loss, stacked again for backward."""
def train_gan(data, steps, seed=0, batch_size=128, latent_dim=2, hidden=(32, 32), lr_d=2e-3, lr_g=1e-3, d_steps=1):
    data = np.array(data, dtype=float)
    G = init_generator(latent_dim, hidden, data.shape[1], seed=seed)
    D = init_discriminator(data.shape[1], hidden, seed=seed + 1)
    rng = np.random.default_rng(seed)
    adam_g, adam_d = {}, {}
    history = {"d_loss": [], "g_loss": []}
    for step in range(steps):
        total = 0.0
        for _ in range(d_steps):
            real = data[rng.integers(0, len(data), batch_size)]
            fake = generator_forward(G, rng.standard_normal((batch_size, latent_dim)))[0]
            logits, cache = discriminator_forward(D, np.vstack([real, fake]))
            loss, d_real, d_fake = discriminator_loss(logits[:batch_size], logits[batch_size:])
            grads, _ = discriminator_backward(np.concatenate([d_real, d_fake]), cache)
            D = adam_step(D, grads, adam_d, lr=lr_d, beta1=ADAM_BETA1)
            total += loss
        z = rng.standard_normal((batch_size, latent_dim))
        x, g_cache = generator_forward(G, z)
        logits, d_cache = discriminator_forward(D, x)
        g_loss, d_logits = generator_loss(logits)
        dx = discriminator_backward(d_logits, d_cache)[1]
        G = adam_step(G, generator_backward(dx, g_cache), adam_g, lr=lr_g, beta1=ADAM_BETA1)
        history["d_loss"].append(float(total / d_steps))
        history["g_loss"].append(float(g_loss))
    return G, history
