"""Training throughput (samples per second) of the course's PyTorch models, per device and precision.

Run: ``python benchmarks/torch_throughput.py`` (CPU: about 20 s; add ``--batch-size 4096`` on a GPU).

Models:

* chapter 10's ``ConvNet`` (``gradschool.reference.torch_cnn``): one Adam step on cross-entropy,
  the body of ``train_model``; mixed precision is float16 autocast with a ``GradScaler``;
* chapter 12's GAN (``gradschool.reference.torch_gan``, when that module exists): one
  discriminator step and one generator step (``d_step`` then ``g_step``) per batch; its mixed
  precision is bfloat16 autocast (no scaler needed; ``d_step``/``g_step`` have no scaler to pass),
  measured only where the GPU supports bfloat16.

Devices: the CPU always (mixed precision off: rarely faster there, and the course never uses it
on the CPU), and CUDA when available, with mixed precision off and on.

Honest timing (``gradschool.reference.torch_cnn.median_step_seconds``): the batch is already on
the device (we time the computation, not data loading), warm-up steps first, every timing
bracketed by ``torch.cuda.synchronize()``, and the median over repeats.
"""

from __future__ import annotations

import argparse
import importlib
import platform

import torch
import torch.nn.functional as F

from gradschool.reference.torch_cnn import ConvNet, median_step_seconds


def convnet_step(device: torch.device, amp: bool, batch_size: int):
    """One training step of a fresh ConvNet on a fixed random batch on ``device``."""
    torch.manual_seed(0)
    model = ConvNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(batch_size, 1, 8, 8, device=device)
    y = torch.randint(0, 10, (batch_size,), device=device)
    use_amp = amp and device.type == "cuda"
    scaler = torch.amp.GradScaler("cuda", enabled=use_amp)

    def step():
        optimizer.zero_grad()
        with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=use_amp):
            loss = F.cross_entropy(model(x), y)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()

    return step


def load_gan():
    """Chapter 12's reference module, or None when it does not exist (yet)."""
    try:
        module = importlib.import_module("gradschool.reference.torch_gan")
    except ImportError:
        return None
    needed = ("Generator", "Discriminator", "d_step", "g_step")
    return module if all(hasattr(module, name) for name in needed) else None


def gan_step(gan, device: torch.device, amp: bool, batch_size: int, latent_dim: int = 32):
    """One discriminator step and one generator step on a fixed batch of 'real' images in [-1, 1]."""
    torch.manual_seed(0)
    G, D = gan.Generator(latent_dim).to(device), gan.Discriminator().to(device)
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    real = torch.rand(batch_size, 1, 8, 8, device=device) * 2 - 1

    def step():
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=amp):
            gan.d_step(G, D, real, opt_d, latent_dim)
            gan.g_step(G, D, batch_size, opt_g, latent_dim)

    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--steps", type=int, default=10, help="training steps per timing")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (default: PyTorch's choice)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    devices = [torch.device("cpu")]
    if torch.cuda.is_available():
        devices.append(torch.device("cuda"))
    gan = load_gan()

    rows = []  # (model, device, precision, samples/s)
    notes = []
    for device in devices:
        precisions = [False, True] if device.type == "cuda" else [False]
        for amp in precisions:
            seconds = median_step_seconds(convnet_step(device, amp, args.batch_size), device,
                                          args.warmup, args.repeats, args.steps)
            rows.append(("ch10 ConvNet", device.type, "fp16 autocast + scaler" if amp else "fp32", args.batch_size / seconds))
            if gan is None:
                continue
            if amp and not torch.cuda.is_bf16_supported():
                notes.append("GAN with bfloat16: not supported by this GPU, skipped")
                continue
            seconds = median_step_seconds(gan_step(gan, device, amp, args.batch_size), device,
                                          args.warmup, args.repeats, args.steps)
            rows.append(("ch12 GAN (D + G step)", device.type, "bf16 autocast" if amp else "fp32", args.batch_size / seconds))
    if gan is None:
        notes.append("ch12 GAN: gradschool/reference/torch_gan.py (Generator, Discriminator, d_step, g_step) "
                     "not found; only chapter 10 was measured")
    if not torch.cuda.is_available():
        notes.append("no CUDA GPU here: CPU only")

    names = [platform.processor() or platform.machine(), f"{torch.get_num_threads()} CPU threads"]
    if torch.cuda.is_available():
        names.append(torch.cuda.get_device_name(0))
    print(f"training throughput, torch {torch.__version__}, batch {args.batch_size}, median of {args.repeats} "
          f"timings of {args.steps} steps after {args.warmup} warm-up steps")
    print("devices: " + "; ".join(names))
    print(f"{'model':24s}{'device':8s}{'precision':26s}{'samples/s':>14s}")
    for model, device, precision, rate in rows:
        print(f"{model:24s}{device:8s}{precision:26s}{rate:14,.0f}")
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
