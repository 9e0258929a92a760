"""Reference character-level language model in PyTorch (chapter ``11_torch_rnn``).

The same contracts as the chapter (SYLLABUS), so that the widget, the tests and later chapters
never depend on a student's answer:

* :func:`unroll_rnn` runs an ``nn.RNNCell`` over a batch of sequences by hand, one step at a time;
* :class:`CharRNN` is an embedding, an ``nn.LSTM``/``nn.GRU``/``nn.RNN`` (batch first) and a
  linear read-out to one logit per character;
* :func:`sample` draws text one character at a time from ``softmax(logits / temperature)``.

Around them, the pieces of a character-level language model:

* :func:`build_vocab`, :func:`encode`, :func:`decode`: characters <-> integer ids;
* :func:`split_corpus`: the chapter's corpus (Python source) cut into a training part and a
  held-out tail, with one vocabulary for both;
* :class:`TBPTTTrainer` / :func:`train_char_rnn`: truncated backpropagation through time. The
  training text is cut into ``batch_size`` parallel streams; each step reads the next
  ``seq_len`` characters of every stream, starts from the state the previous chunk ended in,
  *detached* so that backpropagation stops at the chunk boundary, clips the gradient's global
  norm (``clip_grad_norm_``) and takes one Adam step;
* :func:`bits_per_char` (a model on held-out text) and :func:`bigram_bits_per_char` (the
  add-one-smoothed bigram baseline): cross-entropy in bits, the unit of a compression ratio;
* :func:`seed_weights`: a testing aid that sets every weight of a ``CharRNN``-shaped model to
  seeded values, whatever order its layers were created in.

Shapes: batches first, time second. ``x (N, T)`` integer ids, ``logits (N, T, V)``; the state is
what the recurrent layer returns: ``(h, c)`` for an LSTM, ``h`` otherwise, each
``(num_layers, N, H)``.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import torch
from torch import nn
from torch.nn import functional as F
from gradschool.device import get_device as default_device  # CUDA, then Apple's MPS, then the CPU

__all__ = [
    "CELLS",
    "default_device",
    "build_vocab",
    "encode",
    "decode",
    "split_corpus",
    "unroll_rnn",
    "CharRNN",
    "sample",
    "detach_state",
    "batchify",
    "TBPTTTrainer",
    "train_char_rnn",
    "bits_per_char",
    "bigram_bits_per_char",
    "seed_weights",
]

CELLS: dict[str, type[nn.Module]] = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}


# --------------------------------------------------------------------------- text <-> ids


def build_vocab(text: str) -> tuple[dict[str, int], list[str]]:
    """``(stoi, itos)``: the sorted distinct characters of ``text``; ``itos[stoi[c]] == c``."""
    itos = sorted(set(text))
    return {c: i for i, c in enumerate(itos)}, itos


def encode(text: str, stoi: dict[str, int]) -> torch.Tensor:
    """``(len(text),)`` int64 tensor of ids."""
    return torch.tensor([stoi[c] for c in text], dtype=torch.long)


def decode(ids: Any, itos: list[str]) -> str:
    """The string whose characters have these ids (a tensor or any iterable of ints)."""
    return "".join(itos[int(i)] for i in ids)


def split_corpus(text: str, held_out: float = 0.1) -> dict[str, Any]:
    """Cut ``text`` into a training head and a held-out tail (the last ``held_out`` fraction).

    Returns a dict with ``stoi``, ``itos`` (one vocabulary, built from the whole text, so that
    every held-out character has an id), ``train_ids`` and ``test_ids`` (int64 tensors).
    """
    if not 0 < held_out < 1:
        raise ValueError(f"held_out must be a fraction in (0, 1), got {held_out}")
    stoi, itos = build_vocab(text)
    cut = int(len(text) * (1 - held_out))
    return {"stoi": stoi, "itos": itos, "train_ids": encode(text[:cut], stoi), "test_ids": encode(text[cut:], stoi)}


# --------------------------------------------------------------------------- the models


def unroll_rnn(cell: nn.RNNCell, x: torch.Tensor, h0: torch.Tensor) -> torch.Tensor:
    """Run ``cell`` over ``x (N, T, D)`` from ``h0 (N, H)``; returns every state, ``(N, T, H)``."""
    h = h0
    states = []
    for t in range(x.shape[1]):
        h = cell(x[:, t], h)
        states.append(h)
    return torch.stack(states, dim=1)


class CharRNN(nn.Module):
    """Embedding -> recurrent layer (batch first) -> linear read-out to ``vocab_size`` logits."""

    def __init__(self, vocab_size: int, embed_dim: int, hidden_dim: int, num_layers: int = 1, cell: str = "lstm"):
        super().__init__()
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {sorted(CELLS)}, got {cell!r}")
        self.cell = cell
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.rnn = CELLS[cell](embed_dim, hidden_dim, num_layers=num_layers, batch_first=True)
        self.head = nn.Linear(hidden_dim, vocab_size)

    def forward(self, x: torch.Tensor, state: Any = None) -> tuple[torch.Tensor, Any]:
        """``x (N, T)`` ids -> ``(logits (N, T, V), state)``; ``state=None`` starts from zeros."""
        output, state = self.rnn(self.embed(x), state)
        return self.head(output), state


@torch.no_grad()
def sample(
    model: nn.Module,
    stoi: dict[str, int],
    itos: list[str],
    start: str,
    length: int,
    temperature: float = 1.0,
    generator: torch.Generator | None = None,
) -> str:
    """``start`` followed by ``length`` characters drawn one at a time from the model.

    ``start`` is fed first (as one sequence); then, ``length`` times: ``probs =
    softmax(last_logits / temperature)`` on the CPU, one ``torch.multinomial(probs, 1,
    generator=generator)``, and the drawn character is fed back with the state.
    """
    if not start:
        raise ValueError("start must be a non-empty string")
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    try:
        logits, state = model(torch.tensor([[stoi[c] for c in start]], device=device))
        drawn = []
        for k in range(length):
            probs = torch.softmax(logits[0, -1].cpu() / temperature, dim=-1)
            next_id = int(torch.multinomial(probs, 1, generator=generator))
            drawn.append(itos[next_id])
            if k + 1 < length:
                logits, state = model(torch.tensor([[next_id]], device=device), state)
    finally:
        model.train(was_training)
    return start + "".join(drawn)


# --------------------------------------------------------------------------- training


def detach_state(state: Any) -> Any:
    """The same state cut from the graph that produced it (``None`` stays ``None``)."""
    if state is None:
        return None
    if isinstance(state, (tuple, list)):
        return tuple(s.detach() for s in state)
    return state.detach()


def batchify(ids: torch.Tensor, batch_size: int) -> torch.Tensor:
    """``(batch_size, L)``: ``ids`` cut into ``batch_size`` consecutive streams of equal length.

    Row ``b`` is the ``b``-th piece of the text, so reading the columns left to right reads
    ``batch_size`` parts of the text side by side, each in order.
    """
    length = len(ids) // batch_size
    if length < 2:
        raise ValueError(f"{len(ids)} ids are too few for {batch_size} streams")
    return ids[: length * batch_size].reshape(batch_size, length)


class TBPTTTrainer:
    """Truncated BPTT on a character stream: ``step(n)`` takes ``n`` chunks of ``seq_len``.

    The state is carried from one chunk to the next and detached at every boundary (pass
    ``detach=False`` to see why: the second ``backward`` fails). When a stream runs out, reading
    starts again at the beginning from a zero state. ``history`` records, per step, the training
    loss in bits per character (``"bpc"``) and the gradient norm before clipping
    (``"grad_norm"``).
    """

    def __init__(
        self,
        model: nn.Module,
        train_ids: torch.Tensor,
        batch_size: int = 32,
        seq_len: int = 64,
        lr: float = 3e-3,
        max_norm: float | None = 1.0,
        device: torch.device | str | None = None,
        detach: bool = True,
    ):
        self.device = torch.device(device) if device is not None else default_device()
        self.model = model.to(self.device)
        self.streams = batchify(train_ids, batch_size).to(self.device)
        self.seq_len = int(seq_len)
        if self.streams.shape[1] < self.seq_len + 1:
            raise ValueError(f"streams of {self.streams.shape[1]} characters are shorter than seq_len + 1")
        self.max_norm = max_norm
        self.detach = detach
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.position = 0
        self.state: Any = None
        self.steps = 0
        self.history: dict[str, list[float]] = {"bpc": [], "grad_norm": []}

    def next_chunk(self) -> tuple[torch.Tensor, torch.Tensor]:
        """``(x, y)`` of shape ``(batch_size, seq_len)``: y is x shifted by one character."""
        if self.position + self.seq_len + 1 > self.streams.shape[1]:
            self.position, self.state = 0, None  # a new pass over the text starts from zero
        chunk = self.streams[:, self.position : self.position + self.seq_len + 1]
        self.position += self.seq_len
        return chunk[:, :-1], chunk[:, 1:]

    def step(self, n: int = 1) -> float:
        """Train on the next ``n`` chunks; returns the last chunk's loss in bits per character."""
        self.model.train()
        bpc = float("nan")
        for _ in range(int(n)):
            x, y = self.next_chunk()
            state = detach_state(self.state) if self.detach else self.state
            logits, self.state = self.model(x, state)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
            self.optimizer.zero_grad()
            loss.backward()
            if self.max_norm is not None:
                norm = nn.utils.clip_grad_norm_(self.model.parameters(), self.max_norm)
            else:
                norm = torch.sqrt(sum((p.grad.detach() ** 2).sum() for p in self.model.parameters() if p.grad is not None))
            self.optimizer.step()
            bpc = loss.item() / math.log(2)
            self.steps += 1
            self.history["bpc"].append(bpc)
            self.history["grad_norm"].append(float(norm))
        return bpc


def train_char_rnn(
    model: nn.Module,
    train_ids: torch.Tensor,
    steps: int,
    batch_size: int = 32,
    seq_len: int = 64,
    lr: float = 3e-3,
    max_norm: float | None = 1.0,
    device: torch.device | str | None = None,
    callback: Callable[[TBPTTTrainer], None] | None = None,
    every: int = 50,
) -> dict[str, list[float]]:
    """Train ``model`` in place for ``steps`` TBPTT steps; returns the history (see TBPTTTrainer).

    ``callback(trainer)`` runs every ``every`` steps (to log, or to evaluate held-out text).
    """
    trainer = TBPTTTrainer(model, train_ids, batch_size, seq_len, lr, max_norm, device)
    done = 0
    while done < steps:
        n = min(every, steps - done)
        trainer.step(n)
        done += n
        if callback is not None:
            callback(trainer)
    return trainer.history


# --------------------------------------------------------------------------- evaluation


@torch.no_grad()
def bits_per_char(model: nn.Module, ids: torch.Tensor, chunk: int = 1024) -> float:
    """Mean ``-log2 p(ids[i+1] | ids[:i+1])`` over the text, reading it once with the state carried.

    Every character but the first is predicted, from everything before it: the same transitions
    :func:`bigram_bits_per_char` scores.
    """
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    ids = ids.to(device)
    state, total = None, 0.0
    try:
        for start in range(0, len(ids) - 1, chunk):
            x = ids[start : start + chunk][None]
            y = ids[start + 1 : start + chunk + 1]
            x = x[:, : len(y)]
            logits, state = model(x, state)
            total += F.cross_entropy(logits[0], y, reduction="sum").item()
    finally:
        model.train(was_training)
    return total / (len(ids) - 1) / math.log(2)


def bigram_bits_per_char(train_ids: torch.Tensor, test_ids: torch.Tensor, vocab_size: int, alpha: float = 1.0) -> float:
    """Bits per character of the add-``alpha`` smoothed bigram model counted on ``train_ids``.

    ``p(b | a) = (count(a, b) + alpha) / (count(a) + alpha * vocab_size)``, scored on every
    transition ``test_ids[i] -> test_ids[i + 1]``.
    """
    counts = torch.zeros(vocab_size, vocab_size, dtype=torch.float64)
    counts.index_put_((train_ids[:-1], train_ids[1:]), torch.ones(len(train_ids) - 1, dtype=torch.float64), accumulate=True)
    probs = (counts + alpha) / (counts.sum(dim=1, keepdim=True) + alpha * vocab_size)
    return float(-torch.log2(probs[test_ids[:-1], test_ids[1:]]).mean())


# --------------------------------------------------------------------------- testing aid


def _only(model: nn.Module, kinds: tuple[type[nn.Module], ...], what: str) -> nn.Module:
    found = [m for m in model.modules() if isinstance(m, kinds)]
    if len(found) != 1:
        raise ValueError(f"expected exactly one {what} in the model, found {len(found)}")
    return found[0]


def seed_weights(model: nn.Module, seed: int = 0, scale: float = 0.5) -> nn.Module:
    """Set the weights of a CharRNN-shaped model to seeded draws ``scale * N(0, 1)``; returns it.

    The model must hold exactly one ``nn.Embedding``, one ``nn.LSTM``/``nn.GRU``/``nn.RNN`` and
    one ``nn.Linear``; they are found by type and filled in that order, each parameter in the
    order of its name, so two models built in different ways get the same numbers.
    """
    generator = torch.Generator().manual_seed(seed)
    layers = [
        _only(model, (nn.Embedding,), "nn.Embedding"),
        _only(model, tuple(CELLS.values()), "recurrent layer (nn.LSTM, nn.GRU or nn.RNN)"),
        _only(model, (nn.Linear,), "nn.Linear"),
    ]
    with torch.no_grad():
        for layer in layers:
            for _name, parameter in sorted(layer.named_parameters(), key=lambda item: item[0]):
                draw = torch.randn(parameter.shape, generator=generator, dtype=torch.float32) * scale
                parameter.copy_(draw.to(parameter.device, parameter.dtype))
    return model
