# Right: summed losses divided by len(train_loader.dataset), nn.CrossEntropyLoss, set_to_none, an if for AMP.
def train_model(model, train_loader, epochs, lr, device, amp=True):
    device = torch.device(device)
    model = model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss(reduction="sum")
    scaler = torch.amp.GradScaler("cuda") if (amp and device.type == "cuda") else None
    losses = []
    for epoch in range(epochs):
        model.train()
        summed = 0.0
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad(set_to_none=True)
            if scaler is not None:
                with torch.autocast(device_type="cuda", dtype=torch.float16):
                    loss_sum = criterion(model(x), y)
                scaler.scale(loss_sum / len(y)).backward()
                scaler.step(opt)
                scaler.update()
            else:
                loss_sum = criterion(model(x), y)
                (loss_sum / len(y)).backward()
                opt.step()
            summed += loss_sum.item()
        losses.append(summed / len(train_loader.dataset))
    return {"loss": losses}
