"""Regenerate ``digits.npz`` and ``SHA256SUMS`` (see README.md in this folder).

    python datasets/make_datasets.py            # rewrite the files in datasets/
    python datasets/make_datasets.py --out DIR  # write them into DIR instead

The images come from the copy of the UCI digits bundled with scikit-learn; the split is drawn
with a fixed seed. The output is the same, byte for byte, on every run: the npz is written with
a fixed timestamp and without compression (so it does not depend on the zlib version either).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np

SPLIT_SEED = 0
TEST_PER_CLASS = 36
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip file can hold


def digits_arrays() -> dict[str, np.ndarray]:
    """The arrays that go into digits.npz: images, labels, train_idx, test_idx."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    images = bunch.images.astype(np.uint8)  # (1797, 8, 8), values 0..16
    labels = bunch.target.astype(np.uint8)  # (1797,)
    assert np.array_equal(images, bunch.images) and images.max() == 16

    rng = np.random.default_rng(SPLIT_SEED)
    test = [rng.choice(np.flatnonzero(labels == digit), TEST_PER_CLASS, replace=False)
            for digit in range(10)]
    test_idx = np.sort(np.concatenate(test)).astype(np.int64)
    train_idx = np.setdiff1d(np.arange(len(labels)), test_idx).astype(np.int64)
    return {"images": images, "labels": labels, "train_idx": train_idx, "test_idx": test_idx}


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Like ``np.savez``, but the same arrays always give the same bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), version=(1, 0),
                                      allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=FIXED_DATE)
            info.create_system = 3  # Unix, whatever machine writes it
            info.external_attr = 0o644 << 16
            archive.writestr(info, buffer.getvalue())


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="the folder to write into (default: this script's folder)")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)

    write_npz(out / "digits.npz", digits_arrays())
    shipped = ["digits.npz"]
    sums = "".join(f"{sha256_of(out / name)}  {name}\n" for name in shipped)
    (out / "SHA256SUMS").write_text(sums, encoding="ascii", newline="\n")
    print(f"wrote {', '.join(shipped)} and SHA256SUMS to {out}")


if __name__ == "__main__":
    main()
