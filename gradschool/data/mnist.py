"""Full MNIST (LeCun, Cortes & Burges): 60,000 + 10,000 handwritten digits, 28x28 pixels.

Not shipped (11 MB). :func:`load_mnist` reads the four published ``.gz`` files from a folder,
checks each against its SHA-256 below, and can download missing ones where a network exists.
The files use the IDX format, which :func:`read_idx` parses:

    bytes 0-1   zero
    byte  2     the type of the values (0x08 = uint8, see IDX_TYPES)
    byte  3     the number of dimensions, d
    then        d sizes, each a big-endian uint32
    then        the values, big-endian, in C (row-major) order
"""

from __future__ import annotations

import gzip
import hashlib
import urllib.request
from pathlib import Path

import numpy as np

DEFAULT_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"

# The published SHA-256 of each file, as downloaded (still gzipped).
MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

IDX_TYPES = {
    0x08: np.dtype("u1"),
    0x09: np.dtype("i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def read_idx(path) -> np.ndarray:
    """Parse one IDX file (plain or gzipped) into an array of the shape its header gives."""
    path = Path(path)
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":  # the gzip magic number
        raw = gzip.decompress(raw)
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] not in IDX_TYPES:
        raise ValueError(f"{path} is not an IDX file (its first 4 bytes are {raw[:4]!r})")
    dtype, ndim = IDX_TYPES[raw[2]], raw[3]
    shape = tuple(int(size) for size in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    offset = 4 + 4 * ndim
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - offset != expected:
        raise ValueError(
            f"{path}: the header promises shape {shape} ({expected} bytes of data) "
            f"but the file holds {len(raw) - offset}; it is truncated or corrupt"
        )
    values = np.frombuffer(raw, dtype=dtype, offset=offset).reshape(shape)
    return values.astype(dtype.newbyteorder("="))  # a native-order copy, writable


def sha256_of(path) -> str:
    """The SHA-256 of a file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_url(url: str, path: Path) -> None:
    """Fetch ``url`` into ``path`` (via a temporary ``.part`` file, so no half file is left)."""
    partial = path.with_name(path.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(partial, "wb") as file:
            while block := response.read(1 << 20):
                file.write(block)
    except OSError as error:  # no network, a bad URL, a full disk (URLError is an OSError)
        partial.unlink(missing_ok=True)
        raise OSError(
            f"could not download {url} ({error}). Without a network, copy the four MNIST files "
            f"into {path.parent} by other means; or pass another mirror as url=."
        ) from error
    partial.replace(path)


def verified_file(root: Path, name: str, download: bool, url: str) -> Path:
    """The path of one MNIST file in ``root``, downloaded if asked and missing, checksum checked."""
    path = root / name
    source = url.rstrip("/") + "/" + name
    fetched = False
    if not path.is_file():
        if not download:
            raise FileNotFoundError(
                f"MNIST file {name} is not in {root}. Call load_mnist({str(root)!r}, "
                f"download=True) where a network exists, or download {source} into that folder."
            )
        root.mkdir(parents=True, exist_ok=True)
        fetch_url(source, path)
        fetched = True
    expected, actual = MNIST_SHA256[name], sha256_of(path)
    if actual == expected:
        return path
    if fetched:
        path.unlink()  # never leave a bad download to be read next time
        raise ValueError(
            f"MNIST file {name} downloaded from {source} has SHA-256 {actual}, but the published "
            f"file has {expected}. The download was deleted; try again, or pass another mirror "
            f"as url=."
        )
    raise ValueError(
        f"MNIST file {path} has SHA-256 {actual}, but the published file has {expected}: it is "
        f"corrupt, truncated or a different file. Delete it and call load_mnist(..., "
        f"download=True), or download {source} again."
    )


def load_mnist(root, download: bool = False, url: str = DEFAULT_URL):
    """Load full MNIST from the four ``.gz`` files in folder ``root``.

    Args:
        root: the folder holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
            t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (see MNIST_SHA256).
        download: fetch missing files from ``url`` (every file is checked either way).
        url: the folder URL to download from.

    Returns:
        X_train: (60000, 28, 28) uint8, pixels 0..255.
        y_train: (60000,) int64, digits 0..9.
        X_test: (10000, 28, 28) uint8.
        y_test: (10000,) int64.
    """
    root = Path(root)
    if not isinstance(download, bool):
        raise ValueError(f"download must be True or False, got {download!r}")
    arrays = []
    for split in ("train", "t10k"):
        images = read_idx(verified_file(root, f"{split}-images-idx3-ubyte.gz", download, url))
        labels = read_idx(verified_file(root, f"{split}-labels-idx1-ubyte.gz", download, url))
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise ValueError(
                f"MNIST {split} files disagree: images {images.shape}, labels {labels.shape}"
            )
        arrays += [images, labels.astype(np.int64)]
    return tuple(arrays)
