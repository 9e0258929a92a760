# G frozen with requires_grad_(False) instead of detach (and unfrozen after); BCEWithLogitsLoss module.
def d_step(G, D, real, opt_d, latent_dim):
    opt_d.zero_grad(set_to_none=False)
    criterion = nn.BCEWithLogitsLoss()
    flags = [p.requires_grad for p in G.parameters()]
    for p in G.parameters():
        p.requires_grad_(False)
    try:
        fake = G(torch.randn(real.shape[0], latent_dim, device=real.device))
    finally:
        for p, flag in zip(G.parameters(), flags):
            p.requires_grad_(flag)
    real_logits = D(real)
    fake_logits = D(fake)
    loss_real = criterion(real_logits, torch.ones(real_logits.shape, device=real.device))
    loss_fake = criterion(fake_logits, torch.zeros(fake_logits.shape, device=real.device))
    (loss_real + loss_fake).backward()
    opt_d.step()
    return loss_real.item() + loss_fake.item()
