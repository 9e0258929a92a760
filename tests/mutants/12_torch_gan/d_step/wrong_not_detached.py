# The fakes are not detached: D's loss backpropagates into G and fills G's .grad.
def d_step(G, D, real, opt_d, latent_dim):
    opt_d.zero_grad()
    z = torch.randn(real.shape[0], latent_dim, device=real.device)
    fake = G(z)
    real_logits, fake_logits = D(real), D(fake)
    loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    loss.backward()
    opt_d.step()
    return loss.item()
