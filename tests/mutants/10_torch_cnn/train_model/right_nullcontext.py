# Right: contextlib.nullcontext when AMP is off, losses collected per batch then weighted with numpy.
def train_model(model, train_loader, epochs, lr, device, amp=True):
    import contextlib

    device = torch.device(device)
    model.to(device)
    use_amp = amp and device.type == "cuda"
    optimizer = torch.optim.Adam(model.parameters(), lr)
    scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
    history = {"loss": []}
    for _ in range(epochs):
        model.train()
        batch_losses, sizes = [], []
        for x, y in train_loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            optimizer.zero_grad()
            context = torch.autocast("cuda", dtype=torch.float16) if use_amp else contextlib.nullcontext()
            with context:
                loss = F.nll_loss(F.log_softmax(model(x), dim=1), y)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            batch_losses.append(loss.item())
            sizes.append(y.shape[0])
        history["loss"].append(float(np.average(batch_losses, weights=sizes)))
    return history
