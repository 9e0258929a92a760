# Forgets the channel axis: returns (N, 8, 8) instead of (N, 1, 8, 8).
def scale_images(images):
    return 2.0 * torch.tensor(images, dtype=torch.float32) - 1.0
