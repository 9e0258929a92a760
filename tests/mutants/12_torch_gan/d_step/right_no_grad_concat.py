# Fakes made under torch.no_grad(); one D call on reals and fakes together, split, two means; manual softplus.
def d_step(G, D, real, opt_d, latent_dim):
    opt_d.zero_grad()
    n = real.shape[0]
    z = torch.randn(n, latent_dim, device=real.device)
    with torch.no_grad():
        fake = G(z)
    logits = D(torch.cat([real, fake], dim=0))
    loss = F.softplus(-logits[:n]).mean() + F.softplus(logits[n:]).mean()
    loss.backward()
    opt_d.step()
    return float(loss.detach())
