"""Correct: separate random streams (spawned from the seed) for the real batches and for the noise, a while loop, k-step inner loop."""
def train_gan(data, steps, seed=0, batch_size=128, latent_dim=2, hidden=(32, 32), lr_d=2e-3, lr_g=1e-3, d_steps=1):
    data = np.asarray(data, dtype=np.float64)
    data_rng, noise_rng = np.random.default_rng(seed).spawn(2)
    G = init_generator(latent_dim, hidden, data.shape[1], seed=seed)
    D = init_discriminator(data.shape[1], hidden, seed=seed + 1)
    state_g, state_d = {}, {}
    d_hist, g_hist = [], []
    step = 0
    while step < steps:
        losses = []
        k = 0
        while k < d_steps:
            idx = data_rng.integers(len(data), size=batch_size)
            fake, _ = generator_forward(G, noise_rng.normal(size=(batch_size, latent_dim)))
            lr_, cr = discriminator_forward(D, data[idx])
            lf, cf = discriminator_forward(D, fake)
            loss, dr, df = discriminator_loss(lr_, lf)
            gr = discriminator_backward(dr, cr)[0]
            gf = discriminator_backward(df, cf)[0]
            D = adam_step(D, [(a[0] + b[0], a[1] + b[1]) for a, b in zip(gr, gf)], state_d, lr=lr_d, beta1=ADAM_BETA1)
            losses.append(loss)
            k += 1
        fake, g_cache = generator_forward(G, noise_rng.normal(size=(batch_size, latent_dim)))
        logits, d_cache = discriminator_forward(D, fake)
        g_loss, dl = generator_loss(logits)
        G = adam_step(G, generator_backward(discriminator_backward(dl, d_cache)[1], g_cache), state_g, lr=lr_g,
                      beta1=ADAM_BETA1)
        d_hist.append(sum(losses) / len(losses))
        g_hist.append(float(g_loss))
        step += 1
    return G, {"d_loss": [float(v) for v in d_hist], "g_loss": g_hist}
