# Applies a sigmoid and then the with-logits loss: a sigmoid twice.
def d_step(G, D, real, opt_d, latent_dim):
    opt_d.zero_grad()
    z = torch.randn(real.shape[0], latent_dim, device=real.device)
    fake = G(z).detach()
    real_p, fake_p = torch.sigmoid(D(real)), torch.sigmoid(D(fake))
    loss = (F.binary_cross_entropy_with_logits(real_p, torch.ones_like(real_p))
            + F.binary_cross_entropy_with_logits(fake_p, torch.zeros_like(fake_p)))
    loss.backward()
    opt_d.step()
    return loss.item()
