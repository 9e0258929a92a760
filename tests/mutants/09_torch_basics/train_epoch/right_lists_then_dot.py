# Collects per-batch losses and sizes, then a weighted average with NumPy; grads set to None by hand.
def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train(True)
    losses, sizes = [], []
    for batch in loader:
        x, y = (t.to(device) for t in batch)
        for p in model.parameters():
            p.grad = None
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        sizes.append(x.size(0))
    return float(np.average(losses, weights=sizes))
