"""Tests for gradschool.data and the shipped files in datasets/. No test touches the network."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import gradschool.data.mnist as mnist
from gradschool.data import (
    adding_problem,
    datasets_dir,
    load_digits,
    load_mnist,
    logic_gate,
    make_blobs,
    make_circles,
    make_moons,
    make_ring,
    make_spirals,
    make_xor,
    modes_covered,
    read_idx,
    ring_centers,
    sine_waves,
    text_corpus,
)

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO / "datasets"


# --------------------------------------------------------------------------- shipped files


def read_sums(folder: Path) -> dict[str, str]:
    """{filename: sha256} from a folder's SHA256SUMS."""
    sums = {}
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    return sums


def test_shipped_files_match_sha256sums():
    sums = read_sums(DATASETS)
    assert "digits.npz" in sums
    for name, digest in sums.items():
        assert hashlib.sha256((DATASETS / name).read_bytes()).hexdigest() == digest, name


def test_make_datasets_reproduces_identical_bytes(tmp_path):
    pytest.importorskip("sklearn")
    script = DATASETS / "make_datasets.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for name in ["SHA256SUMS", *read_sums(DATASETS)]:
        assert (tmp_path / name).read_bytes() == (DATASETS / name).read_bytes(), name


def test_datasets_dir_defaults_to_repo_and_env_var_overrides(tmp_path, monkeypatch):
    monkeypatch.delenv("GRADSCHOOL_DATASETS", raising=False)
    assert datasets_dir() == DATASETS
    shutil.copy(DATASETS / "digits.npz", tmp_path / "digits.npz")
    monkeypatch.setenv("GRADSCHOOL_DATASETS", str(tmp_path))
    assert datasets_dir() == tmp_path
    assert load_digits("test")[0].shape == (360, 64)
    monkeypatch.setenv("GRADSCHOOL_DATASETS", str(tmp_path / "empty"))
    with pytest.raises(FileNotFoundError, match="GRADSCHOOL_DATASETS"):
        load_digits()


# --------------------------------------------------------------------------- digits


def test_digits_shapes_dtypes_ranges():
    for split, n in [("train", 1437), ("test", 360), ("all", 1797)]:
        X, y = load_digits(split)
        assert X.shape == (n, 64) and X.dtype == np.float64
        assert y.shape == (n,) and y.dtype == np.int64
        assert X.min() == 0.0 and X.max() == 1.0
        assert set(np.unique(y)) == set(range(10))
    images, _ = load_digits("all", images=True)
    assert images.shape == (1797, 8, 8)
    assert np.array_equal(images.reshape(1797, 64), load_digits("all")[0])
    assert np.all(images * 16 == np.round(images * 16))  # pixel counts 0..16


def test_digits_split_is_stratified_and_disjoint():
    _, y_test = load_digits("test")
    assert np.array_equal(np.bincount(y_test), np.full(10, 36))
    with np.load(DATASETS / "digits.npz") as data:
        train, test = data["train_idx"], data["test_idx"]
        labels = data["labels"]
    assert len(np.intersect1d(train, test)) == 0
    assert np.array_equal(np.sort(np.concatenate([train, test])), np.arange(1797))
    X_all, y_all = load_digits("all")
    X_train, y_train = load_digits("train")
    assert np.array_equal(X_train, X_all[train]) and np.array_equal(y_train, labels[train])


def test_digits_bad_split_names_choices():
    with pytest.raises(ValueError, match="'train', 'test', 'all'"):
        load_digits("validation")


# --------------------------------------------------------------------------- logic gates


def test_logic_gates():
    X, y = logic_gate("xor")
    assert X.dtype == np.float64 and y.dtype == np.float64 and X.shape == (4, 2)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert y.tolist() == [0, 1, 1, 0]
    a, b = X[:, 0].astype(bool), X[:, 1].astype(bool)
    assert np.array_equal(logic_gate("and")[1], a & b)
    assert np.array_equal(logic_gate("or")[1], a | b)
    assert np.array_equal(logic_gate("nand")[1], ~(a & b))
    with pytest.raises(ValueError, match="'and', 'or', 'xor', 'nand'"):
        logic_gate("nor")


# --------------------------------------------------------------------------- 2-D sets

GENERATORS = [
    (make_blobs, 3, {}),
    (make_moons, 2, {}),
    (make_circles, 2, {}),
    (make_spirals, 3, {}),
    (make_spirals, 4, {"classes": 4}),
    (make_xor, 2, {}),
]


@pytest.mark.parametrize("make, classes, kwargs", GENERATORS)
def test_2d_sets_shapes_balance_determinism(make, classes, kwargs):
    X, y = make(n=101, seed=3, **kwargs)
    assert X.shape == (101, 2) and X.dtype == np.float64 and np.all(np.isfinite(X))
    assert y.shape == (101,) and y.dtype == np.int64
    counts = np.bincount(y, minlength=classes)
    assert len(counts) == classes and counts.max() - counts.min() <= 1
    X2, y2 = make(n=101, seed=3, **kwargs)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = make(n=101, seed=4, **kwargs)
    assert not np.allclose(X, X3)


def test_2d_sets_geometry():
    X, y = make_circles(n=400, noise=0.0, factor=0.3)
    assert np.allclose(np.linalg.norm(X, axis=1), np.where(y == 0, 1.0, 0.3))
    X, y = make_xor(n=400, noise=0.0)
    assert np.array_equal(y, (X[:, 0] > 0) ^ (X[:, 1] > 0))
    assert np.abs(X).max() <= 1
    X, y = make_blobs(n=300, centers=[[10, 0], [-10, 0]], std=0.5)
    assert np.array_equal(y, (X[:, 0] < 0).astype(np.int64))


# --------------------------------------------------------------------------- the ring


def test_ring_shapes_and_centres():
    centers = ring_centers(8, 2.0)
    assert centers.shape == (8, 2)
    assert np.allclose(np.linalg.norm(centers, axis=1), 2.0)
    X, mode = make_ring(n=1000, seed=1)
    assert X.shape == (1000, 2) and X.dtype == np.float64
    assert mode.dtype == np.int64 and np.array_equal(np.bincount(mode), np.full(8, 125))
    assert np.abs(X - centers[mode]).max() < 0.05 * 6
    assert np.array_equal(make_ring(seed=1)[0], X)
    assert not np.allclose(make_ring(seed=2)[0], X)


def test_modes_covered():
    X, _ = make_ring(n=1000, seed=0)
    assert modes_covered(X) == 8
    collapsed = ring_centers()[5] + 0.05 * np.random.default_rng(0).standard_normal((1000, 2))
    assert modes_covered(collapsed) == 1
    # half the modes, and stray samples that must not count
    X, mode = make_ring(n=1000, seed=0)
    half = np.concatenate([X[mode < 4], X[mode == 4][:2]])
    assert modes_covered(half) == 4
    assert modes_covered(np.zeros((50, 2))) == 0  # the centre of the ring is near no mode
    assert modes_covered(X, min_count=200) == 0


# --------------------------------------------------------------------------- sequences


def test_sine_waves():
    inputs, targets = sine_waves(n=16, length=30, seed=0)
    assert inputs.shape == targets.shape == (16, 30, 1)
    assert inputs.dtype == np.float64
    assert np.array_equal(targets[:, :-1], inputs[:, 1:])
    assert not np.allclose(inputs[0], inputs[1])  # a phase, frequency, amplitude per sequence
    assert np.array_equal(sine_waves(16, 30, seed=0)[0], inputs)
    assert not np.allclose(sine_waves(16, 30, seed=1)[0], inputs)


@pytest.mark.parametrize("length", [2, 7, 20])
def test_adding_problem(length):
    X, y = adding_problem(n=64, length=length, seed=0)
    assert X.shape == (64, length, 2) and y.shape == (64,)
    values, marks = X[:, :, 0], X[:, :, 1]
    assert values.min() >= 0 and values.max() <= 1
    assert np.array_equal(marks.sum(axis=1), np.full(64, 2.0))
    half = length // 2
    assert np.all(marks[:, :half].sum(axis=1) == 1) and np.all(marks[:, half:].sum(axis=1) == 1)
    assert np.allclose(y, (values * marks).sum(axis=1))
    assert np.array_equal(adding_problem(64, length, seed=0)[1], y)
    assert not np.allclose(adding_problem(64, length, seed=1)[1], y)


# --------------------------------------------------------------------------- text


def test_text_corpus():
    text = text_corpus(max_chars=5000)
    assert isinstance(text, str) and len(text) == 5000
    assert text == text_corpus(max_chars=5000)
    everything = text_corpus(max_chars=None)
    assert len(everything) > 200_000 and everything.startswith(text)
    assert "def " in everything


# --------------------------------------------------------------------------- bad arguments

BAD_CALLS = [
    (make_blobs, {"n": 0}, "n must be >= 1"),
    (make_blobs, {"centers": [[0, 0, 0]]}, r"\(k, 2\)"),
    (make_blobs, {"std": -1.0}, "std must be >= 0"),
    (make_moons, {"n": 2.5}, "n must be a whole number"),
    (make_moons, {"noise": "big"}, "noise must be a number"),
    (make_circles, {"factor": 1.5}, "factor"),
    (make_spirals, {"classes": 1}, "classes must be >= 2"),
    (make_xor, {"n": True}, "n must be a whole number"),
    (make_ring, {"modes": 0}, "modes must be >= 1"),
    (ring_centers, {"radius": 0.0}, "radius must be > 0"),
    (modes_covered, {"samples": np.zeros((3, 3))}, r"shape \(m, 2\)"),
    (sine_waves, {"length": 0}, "length must be >= 1"),
    (adding_problem, {"length": 1}, "length must be >= 2"),
    (text_corpus, {"max_chars": -5}, "max_chars must be >= 1"),
    (load_mnist, {"root": ".", "download": "yes"}, "download must be True or False"),
]


@pytest.mark.parametrize("function, kwargs, message", BAD_CALLS)
def test_bad_arguments_raise_clear_errors(function, kwargs, message):
    with pytest.raises(ValueError, match=message):
        function(**kwargs)


# --------------------------------------------------------------------------- MNIST (IDX files)


def write_idx(path: Path, array: np.ndarray, compress: bool = True) -> None:
    """Write an array as an IDX file (the format of the MNIST downloads)."""
    codes = {np.dtype("u1"): 0x08, np.dtype(">i4"): 0x0C, np.dtype(">f8"): 0x0E}
    big_endian = array.astype(array.dtype.newbyteorder(">"))
    header = bytes([0, 0, codes[big_endian.dtype], array.ndim])
    header += np.array(array.shape, dtype=">u4").tobytes()
    raw = header + big_endian.tobytes()
    path.write_bytes(gzip.compress(raw, mtime=0) if compress else raw)


def fake_mnist(folder: Path) -> dict:
    """Four small MNIST-like files in ``folder``: {name: array}."""
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (5, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte.gz": rng.integers(0, 10, 5, dtype=np.uint8),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (3, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte.gz": rng.integers(0, 10, 3, dtype=np.uint8),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, array in arrays.items():
        write_idx(folder / name, array)
    return arrays


def use_checksums_of(folder: Path, monkeypatch) -> None:
    table = {name: mnist.sha256_of(folder / name) for name in mnist.MNIST_SHA256}
    monkeypatch.setattr(mnist, "MNIST_SHA256", table)


@pytest.mark.parametrize("compress", [True, False])
def test_read_idx_round_trip(tmp_path, compress):
    for array in [
        np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4),
        np.array([-7, 0, 70000], dtype=np.int32),
        np.linspace(-1, 1, 6).reshape(3, 2),
    ]:
        write_idx(tmp_path / "x.idx", array, compress=compress)
        back = read_idx(tmp_path / "x.idx")
        assert back.shape == array.shape and np.array_equal(back, array)
        assert back.dtype.isnative


def test_read_idx_rejects_bad_files(tmp_path):
    (tmp_path / "text.idx").write_bytes(b"hello world")
    with pytest.raises(ValueError, match="not an IDX file"):
        read_idx(tmp_path / "text.idx")
    write_idx(tmp_path / "x.idx", np.zeros((4, 4), np.uint8), compress=False)
    (tmp_path / "short.idx").write_bytes((tmp_path / "x.idx").read_bytes()[:-3])
    with pytest.raises(ValueError, match="truncated"):
        read_idx(tmp_path / "short.idx")


def test_load_mnist_reads_verified_files(tmp_path, monkeypatch):
    arrays = fake_mnist(tmp_path)
    use_checksums_of(tmp_path, monkeypatch)
    X_train, y_train, X_test, y_test = load_mnist(tmp_path)
    assert X_train.shape == (5, 28, 28) and X_train.dtype == np.uint8
    assert X_test.shape == (3, 28, 28) and y_test.shape == (3,) and y_train.dtype == np.int64
    assert np.array_equal(X_train, arrays["train-images-idx3-ubyte.gz"])
    assert np.array_equal(y_test, arrays["t10k-labels-idx1-ubyte.gz"])


def test_load_mnist_checksum_mismatch_names_the_file(tmp_path):
    fake_mnist(tmp_path)  # real checksums: every fake file mismatches
    with pytest.raises(ValueError, match="train-images-idx3-ubyte.gz.*SHA-256") as error:
        load_mnist(tmp_path)
    assert "Delete it" in str(error.value) and "download=True" in str(error.value)


def test_load_mnist_missing_file_says_how_to_get_it(tmp_path, monkeypatch):
    fake_mnist(tmp_path)
    use_checksums_of(tmp_path, monkeypatch)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(FileNotFoundError, match="t10k-labels-idx1-ubyte.gz") as error:
        load_mnist(tmp_path)
    assert "download=True" in str(error.value)


def test_load_mnist_download_from_a_local_mirror(tmp_path, monkeypatch):
    mirror, root = tmp_path / "mirror", tmp_path / "root"
    fake_mnist(mirror)
    use_checksums_of(mirror, monkeypatch)
    X_train, *_ = load_mnist(root, download=True, url=mirror.as_uri() + "/")
    assert X_train.shape == (5, 28, 28)
    assert sorted(p.name for p in root.iterdir()) == sorted(mnist.MNIST_SHA256)

    # a corrupt download is deleted, not kept
    (root / "train-labels-idx1-ubyte.gz").unlink()
    (mirror / "train-labels-idx1-ubyte.gz").write_bytes(b"not the file")
    with pytest.raises(ValueError, match="downloaded from"):
        load_mnist(root, download=True, url=mirror.as_uri())
    assert not (root / "train-labels-idx1-ubyte.gz").exists()


def test_load_mnist_failed_download_leaves_nothing_behind(tmp_path):
    root = tmp_path / "root"
    with pytest.raises(OSError, match="could not download"):
        load_mnist(root, download=True, url=(tmp_path / "no-such-mirror").as_uri())
    assert list(root.iterdir()) == []
