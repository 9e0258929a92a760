"""The 8x8 handwritten digits: 1797 images of 0-9, shipped in ``datasets/digits.npz``.

The file holds ``images`` (1797, 8, 8) uint8 with pixel values 0..16, ``labels`` (1797,) uint8,
and the fixed stratified split ``train_idx`` (1437,) / ``test_idx`` (360,): 36 test images of
each digit. ``datasets/make_datasets.py`` makes the file; ``datasets/README.md`` says where the
images come from.
"""

from __future__ import annotations

import numpy as np

from gradschool.data._validate import check_choice
from gradschool.data.paths import dataset_path

SPLITS = ("train", "test", "all")


def load_digits(split: str = "train", images: bool = False):
    """Load the 8x8 digits.

    Args:
        split: ``"train"`` (1437 images), ``"test"`` (360 images, 36 of each digit) or ``"all"``
            (1797 images, in the original order).
        images: if True, return each image as an 8x8 grid instead of a row of 64 pixels.

    Returns:
        X: float64 in [0, 1] (pixel / 16), shape (N, 64), or (N, 8, 8) when ``images=True``.
        y: int64 digit labels 0..9, shape (N,).
    """
    check_choice("split", split, SPLITS)
    with np.load(dataset_path("digits.npz")) as data:
        pixels = data["images"]
        labels = data["labels"]
        if split != "all":
            index = data[f"{split}_idx"]
            pixels, labels = pixels[index], labels[index]
    X = pixels.astype(np.float64) / 16.0
    if not images:
        X = X.reshape(len(X), 64)
    return X, labels.astype(np.int64)
