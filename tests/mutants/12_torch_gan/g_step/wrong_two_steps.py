# Two optimizer steps with the same gradient.
def g_step(G, D, batch_size, opt_g, latent_dim):
    opt_g.zero_grad()
    z = torch.randn(batch_size, latent_dim, device=next(G.parameters()).device)
    logits = D(G(z))
    loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
    loss.backward()
    opt_g.step()
    opt_g.step()
    return loss.item()
