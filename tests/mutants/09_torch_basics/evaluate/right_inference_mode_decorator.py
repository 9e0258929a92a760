# torch.inference_mode as a decorator, model.train(False), counting with int().
@torch.inference_mode()
def evaluate(model, loader, device):
    model.train(False)
    right = total = 0
    for inputs, labels in loader:
        predictions = model(inputs.to(device)).argmax(1)
        right += int(predictions.eq(labels.to(device)).sum())
        total += labels.numel()
    return right / total
