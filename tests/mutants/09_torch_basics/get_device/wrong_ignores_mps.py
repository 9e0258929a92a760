# Knows only CUDA: an Apple-silicon Mac trains on the CPU.
def get_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
