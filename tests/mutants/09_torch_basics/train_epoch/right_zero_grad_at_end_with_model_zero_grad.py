# Zeroes with model.zero_grad() before the loop and after every step; counts with y.shape[0].
def train_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    model.zero_grad()
    weighted, seen = 0.0, 0
    for inputs, targets in loader:
        inputs = inputs.to(device, non_blocking=True)
        targets = targets.to(device, non_blocking=True)
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        model.zero_grad()
        weighted += float(loss.detach()) * targets.shape[0]
        seen += targets.shape[0]
    return weighted / seen
