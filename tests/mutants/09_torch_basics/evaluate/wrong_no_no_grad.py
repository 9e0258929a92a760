# Forgets torch.no_grad(): autograd records every forward pass for nothing.
def evaluate(model, loader, device):
    model.eval()
    correct, count = 0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        correct += (model(x).argmax(dim=1) == y).sum().item()
        count += len(y)
    return correct / count
