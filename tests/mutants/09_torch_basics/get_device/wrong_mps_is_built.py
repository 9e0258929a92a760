# Asks whether PyTorch was built with MPS (is_built) instead of whether an MPS device is available.
def get_device():
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_built():
        return torch.device("mps")
    return torch.device("cpu")
