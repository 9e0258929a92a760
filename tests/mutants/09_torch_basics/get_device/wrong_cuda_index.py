# Returns torch.device("cuda:0") where the contract says torch.device("cuda").
def get_device():
    if torch.cuda.is_available():
        return torch.device("cuda", 0)
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
