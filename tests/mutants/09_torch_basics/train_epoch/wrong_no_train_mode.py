# Forgets model.train(): a model left in eval mode trains with dropout off and frozen batch norm.
def train_epoch(model, loader, loss_fn, optimizer, device):
    total, count = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(x)
        count += len(x)
    return total / count
