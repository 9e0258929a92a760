# softplus(-logits) for -log sigmoid, and D's leftover gradients cleared with D.zero_grad().
def g_step(G, D, batch_size, opt_g, latent_dim):
    opt_g.zero_grad(set_to_none=False)
    z = torch.randn((batch_size, latent_dim), device=next(G.parameters()).device)
    fake = G(z)
    loss = F.softplus(-D(fake)).mean()
    loss.backward()
    D.zero_grad()
    opt_g.step()
    return float(loss.item())
