# Accumulates the loss tensors (no .item()): returns a tensor and keeps every batch's graph alive.
def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    total, count = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total = total + loss * len(x)
        count += len(x)
    return total / count
