# Returns a 0-d tensor instead of a Python float.
def evaluate(model, loader, device):
    model.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            correct = correct + (model(x).argmax(dim=1) == y).sum()
            count += len(y)
    return correct / count
