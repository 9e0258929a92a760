"""Correct, with other random draws: noise before the real batch, rng.choice for the indices, helpers for the two updates."""
def train_gan(data, steps, seed=0, batch_size=128, latent_dim=2, hidden=(32, 32), lr_d=2e-3, lr_g=1e-3, d_steps=1):
    data = np.asarray(data, dtype=np.float64)
    rng = np.random.default_rng(seed)
    nets = {"G": init_generator(latent_dim, hidden, data.shape[1], seed=seed),
            "D": init_discriminator(data.shape[1], hidden, seed=seed + 1)}
    states = {"G": {}, "D": {}}

    def update_discriminator():
        z = rng.standard_normal((batch_size, latent_dim))
        real = data[rng.choice(len(data), size=batch_size, replace=True)]
        fake, _ = generator_forward(nets["G"], z)
        real_logits, real_cache = discriminator_forward(nets["D"], real)
        fake_logits, fake_cache = discriminator_forward(nets["D"], fake)
        loss, d_real, d_fake = discriminator_loss(real_logits, fake_logits)
        g1, _ = discriminator_backward(d_real, real_cache)
        g2, _ = discriminator_backward(d_fake, fake_cache)
        grads = [tuple(a + b for a, b in zip(layer1, layer2)) for layer1, layer2 in zip(g1, g2)]
        nets["D"] = adam_step(nets["D"], grads, states["D"], lr=lr_d, beta1=ADAM_BETA1)
        return float(loss)

    def update_generator():
        fake, g_cache = generator_forward(nets["G"], rng.standard_normal((batch_size, latent_dim)))
        logits, d_cache = discriminator_forward(nets["D"], fake)
        loss, d_logits = generator_loss(logits)
        dx = discriminator_backward(d_logits, d_cache)[1]
        nets["G"] = adam_step(nets["G"], generator_backward(dx, g_cache), states["G"], lr=lr_g, beta1=ADAM_BETA1)
        return float(loss)

    history = {"d_loss": [], "g_loss": []}
    for _ in range(steps):
        history["d_loss"].append(float(np.mean([update_discriminator() for _ in range(d_steps)])))
        history["g_loss"].append(update_generator())
    return nets["G"], history
