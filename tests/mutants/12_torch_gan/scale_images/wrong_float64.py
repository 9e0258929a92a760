# Keeps NumPy's float64: torch.from_numpy does not change the dtype.
def scale_images(images):
    return (2.0 * torch.from_numpy(images) - 1.0).unsqueeze(1)
