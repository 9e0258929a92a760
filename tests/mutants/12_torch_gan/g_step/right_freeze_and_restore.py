# Freezes D during the step (no gradients computed for it) and restores it in a finally; logsigmoid loss.
def g_step(G, D, batch_size, opt_g, latent_dim):
    opt_g.zero_grad()
    device = next(G.parameters()).device
    D.requires_grad_(False)
    try:
        z = torch.randn(batch_size, latent_dim, device=device)
        loss = -F.logsigmoid(D(G(z))).mean()
        loss.backward()
    finally:
        D.requires_grad_(True)
    opt_g.step()
    return loss.item()
