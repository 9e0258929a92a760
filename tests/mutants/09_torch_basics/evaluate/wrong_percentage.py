# Returns a percentage (0 to 100) instead of a fraction.
def evaluate(model, loader, device):
    model.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            correct += (model(x).argmax(dim=1) == y).sum().item()
            count += len(y)
    return 100.0 * correct / count
