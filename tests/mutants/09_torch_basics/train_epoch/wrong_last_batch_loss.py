# Returns the loss of the last batch only, not the epoch's mean.
def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()
