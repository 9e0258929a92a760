# Always the CPU: never uses a GPU.
def get_device():
    return torch.device("cpu")
