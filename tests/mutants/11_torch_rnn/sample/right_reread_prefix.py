# Re-reads the whole text so far at every step (no state): slower, the same draws.
def sample(model, stoi, itos, start, length, temperature=1.0, generator=None):
    model.eval()
    where = next(model.parameters()).device
    text = start
    with torch.no_grad():
        for _ in range(length):
            logits, _ = model(torch.tensor([[stoi[c] for c in text]], device=where))
            weights = F.softmax(logits[:, -1, :] / temperature, dim=-1).cpu()   # (1, V)
            text += itos[int(torch.multinomial(weights, num_samples=1, generator=generator)[0, 0])]
    return text
