"""Mistake: the discriminator steps with lr_g and the generator with lr_d."""
def train_gan(data, steps, seed=0, batch_size=128, latent_dim=2, hidden=(32, 32), lr_d=2e-3, lr_g=1e-3, d_steps=1):
    data = np.asarray(data, dtype=np.float64)
    data_dim = data.shape[1]
    G = init_generator(latent_dim, hidden, data_dim, seed=seed)
    D = init_discriminator(data_dim, hidden, seed=seed + 1)
    rng = np.random.default_rng(seed)
    state_g, state_d = {}, {}
    history = {"d_loss": [], "g_loss": []}
    for _ in range(steps):
        d_losses = []
        for _ in range(d_steps):
            real = data[rng.integers(0, len(data), batch_size)]
            fake, _ = generator_forward(G, rng.standard_normal((batch_size, latent_dim)))
            real_logits, real_cache = discriminator_forward(D, real)
            fake_logits, fake_cache = discriminator_forward(D, fake)
            d_loss, d_real, d_fake = discriminator_loss(real_logits, fake_logits)
            grads_real, _ = discriminator_backward(d_real, real_cache)
            grads_fake, _ = discriminator_backward(d_fake, fake_cache)
            grads = [(dW_r + dW_f, db_r + db_f) for (dW_r, db_r), (dW_f, db_f) in zip(grads_real, grads_fake)]
            D = adam_step(D, grads, state_d, lr=lr_g, beta1=ADAM_BETA1)
            d_losses.append(float(d_loss))

        fake, g_cache = generator_forward(G, rng.standard_normal((batch_size, latent_dim)))
        fake_logits, d_cache = discriminator_forward(D, fake)
        g_loss, d_fake = generator_loss(fake_logits)
        _, dx = discriminator_backward(d_fake, d_cache)
        G = adam_step(G, generator_backward(dx, g_cache), state_g, lr=lr_d, beta1=ADAM_BETA1)

        history["d_loss"].append(float(np.mean(d_losses)))
        history["g_loss"].append(float(g_loss))
    return G, history
