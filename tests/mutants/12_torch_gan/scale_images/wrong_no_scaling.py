# Forgets the range: returns the images in [0, 1], so the reals never look like the tanh's fakes.
def scale_images(images):
    return torch.tensor(images, dtype=torch.float32).unsqueeze(1)
