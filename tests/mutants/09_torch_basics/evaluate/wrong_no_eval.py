# Forgets model.eval(): dropout stays on and batch norm uses (and updates) batch statistics.
def evaluate(model, loader, device):
    correct, count = 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            correct += (model(x).argmax(dim=1) == y).sum().item()
            count += len(y)
    return correct / count
