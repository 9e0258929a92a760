# Walks an ordered table of (is available?, name) pairs.
def get_device():
    for available, name in ((torch.cuda.is_available, "cuda"), (torch.backends.mps.is_available, "mps")):
        if available():
            return torch.device(name)
    return torch.device("cpu")
