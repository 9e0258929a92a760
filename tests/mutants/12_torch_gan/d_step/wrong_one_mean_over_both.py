# One batch of 2N with one mean: half of the contracted loss (mean over reals + mean over fakes).
def d_step(G, D, real, opt_d, latent_dim):
    opt_d.zero_grad()
    z = torch.randn(real.shape[0], latent_dim, device=real.device)
    fake = G(z).detach()
    logits = D(torch.cat([real, fake]))
    labels = torch.cat([torch.ones(len(real)), torch.zeros(len(fake))]).to(logits.device)
    loss = F.binary_cross_entropy_with_logits(logits, labels)
    loss.backward()
    opt_d.step()
    return loss.item()
