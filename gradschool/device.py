"""Where PyTorch computes: a GPU when there is one, the CPU otherwise.

* :func:`get_device`: the reference answer of chapter 09's exercise. NVIDIA's CUDA first, then
  Apple's Metal (``mps``), then the CPU. Part II notebooks import it from here, so that a bug in
  a student's chapter 09 cannot break chapter 10.
* :func:`describe_device`: one line saying what a device is (name, memory, threads), for the
  top of a notebook's output.

Nothing here assumes CUDA: on a machine without a GPU everything runs on the CPU, only slower.
"""

from __future__ import annotations

import torch

__all__ = ["get_device", "describe_device"]


def get_device() -> torch.device:
    """The best device available: ``cuda`` if ``torch.cuda.is_available()``, else ``mps`` if
    ``torch.backends.mps.is_available()``, else ``cpu``. Always a ``torch.device``, never a string."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def describe_device(device: torch.device | str | None = None) -> str:
    """A one-line description of ``device`` (default: :func:`get_device`).

    Examples: ``"cuda:0: NVIDIA H100 80GB HBM3, 79.1 GiB, compute capability 9.0"``,
    ``"mps: Apple GPU (Metal)"``, ``"cpu: 8 threads (no GPU found)"``.
    """
    device = torch.device(device) if device is not None else get_device()
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        props = torch.cuda.get_device_properties(index)
        return (f"cuda:{index}: {props.name}, {props.total_memory / 2**30:.1f} GiB, "
                f"compute capability {props.major}.{props.minor}")
    if device.type == "mps":
        return "mps: Apple GPU (Metal)"
    if device.type == "cpu":
        gpu = "" if torch.cuda.is_available() or torch.backends.mps.is_available() else " (no GPU found)"
        threads = torch.get_num_threads()
        return f"cpu: {threads} thread{'s' if threads != 1 else ''}{gpu}"
    return f"{device}"
