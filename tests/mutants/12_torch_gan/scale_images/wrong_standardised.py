# Standardises (zero mean, unit variance) instead of mapping [0, 1] onto [-1, 1].
def scale_images(images):
    x = torch.tensor(images, dtype=torch.float32)
    return ((x - x.mean()) / x.std()).unsqueeze(1)
