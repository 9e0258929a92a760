# Collects every prediction and label, concatenates, and takes one mean at the end.
def evaluate(model, loader, device):
    model.eval()
    predictions, labels = [], []
    with torch.no_grad():
        for x, y in loader:
            predictions.append(model(x.to(device)).argmax(dim=-1).cpu())
            labels.append(y.cpu())
    return torch.cat(predictions).eq(torch.cat(labels)).double().mean().item()
