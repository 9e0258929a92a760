# One conditional expression building the name, then one torch.device.
def get_device():
    name = "cuda" if torch.cuda.is_available() else ("mps" if torch.backends.mps.is_available() else "cpu")
    return torch.device(name)
