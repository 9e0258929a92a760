# Averages the batch accuracies: a small last batch counts as much as a full one.
def evaluate(model, loader, device):
    model.eval()
    accuracies = []
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            accuracies.append((model(x).argmax(dim=1) == y).float().mean().item())
    return sum(accuracies) / len(accuracies)
