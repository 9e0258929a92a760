# as_tensor, affine map with addcmul-like arithmetic, reshape to (N, 1, 8, 8).
def scale_images(images):
    x = torch.as_tensor(images, dtype=torch.float32).clone()
    return (x * 2 - 1).reshape(len(x), 1, 8, 8)
