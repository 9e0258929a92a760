# Feeds start one character at a time with the state, and draws from float64 probabilities.
@torch.no_grad()
def sample(model, stoi, itos, start, length, temperature=1.0, generator=None):
    model.eval()
    device_of_model = next(model.parameters()).device
    state = None
    for c in start:
        logits, state = model(torch.tensor([[stoi[c]]], device=device_of_model), state)
    out = list(start)
    for k in range(length):
        probs = torch.softmax(logits[0, -1].double().cpu() / temperature, dim=0)
        index = int(torch.multinomial(probs, 1, replacement=True, generator=generator))
        out.append(itos[index])
        if k + 1 < length:
            logits, state = model(torch.tensor([[index]], device=device_of_model), state)
    return "".join(out)
