# Always takes the most likely character (greedy decoding): no sampling at all.
def sample(model, stoi, itos, start, length, temperature=1.0, generator=None):
    model_device = next(model.parameters()).device
    model.eval()
    new_characters = []
    with torch.no_grad():
        logits, state = model(torch.tensor([[stoi[c] for c in start]], device=model_device))
        for _ in range(length):
            next_id = int(logits[0, -1].argmax())
            new_characters.append(itos[next_id])
            logits, state = model(torch.tensor([[next_id]], device=model_device), state)
    return start + "".join(new_characters)
