"""Chapter 11 pictures: what a character-level language model writes, and how it learns to.

* :func:`next_char_probabilities`: the model's distribution over the next character after a
  start string, at a temperature.
* :func:`sampler_figure`: that distribution as bars (the most likely characters, at this
  temperature and at temperature 1), above a text sampled at this temperature.
* :class:`TextSampler`: the same picture with a temperature slider, the start text, the random
  seed and the length as controls; every change samples again.
* :class:`CharTrainer`: a fresh :class:`~gradschool.reference.char_rnn.CharRNN` learning the
  corpus by truncated BPTT, with its training and held-out bits per character; no widget.
* :func:`training_figure`: a static picture of a model trained for a number of steps.
* :class:`TrainingView`: the live view: the cell type, learning rate and clipping as controls,
  plus Play/Pause (training runs in a background thread, so the notebook stays free), Step and
  Reset; the picture redraws every ``redraw_every`` steps.

The widgets keep one figure each (:class:`~gradschool.widgets.live.LivePicture`) and redraw only
what moves. Sampling with the reference function runs a CharRNN-shaped model one character at a
time in NumPy (:func:`_sample`: the same text, about 4x faster).

By default the model and the sampling come from :mod:`gradschool.reference.char_rnn`, so the
pictures work before the student has written any code; pass ``sample_fn`` (your ``sample``) or
``model_class`` (your ``CharRNN``) to use your own. No pyplot figure is ever opened.
"""

from __future__ import annotations

import math
import textwrap
import threading
from typing import Any, Callable

import ipywidgets as widgets
import numpy as np
import torch
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import NullFormatter

from gradschool.reference import char_rnn as reference
from gradschool.widgets.base import BrowserRedraw, PlayLoop, FigureExplorer, new_figure
from gradschool.widgets.live import LivePicture

__all__ = [
    "next_char_probabilities",
    "printable",
    "sampler_figure",
    "TextSampler",
    "CharTrainer",
    "training_figure",
    "TrainingView",
]

TOP_CHARACTERS = 24  # bars in the next-character chart
TEXT_COLUMNS = 96  # the sampled text is wrapped at this width
TEXT_LINES = 16  # and cut after this many lines
MAX_STEPS = 20_000  # Play stops by itself here
CLIP_CHOICES = (("off", 0.0), ("0.25", 0.25), ("1", 1.0), ("5", 5.0))
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.005, 0.01, 0.03)


def printable(character: str) -> str:
    """A character as a readable label: a visible space, ``\\n`` and ``\\t`` spelled out."""
    return {" ": "\u2423", "\n": "\\n", "\t": "\\t"}.get(character, character)


def _clean_start(start: str, stoi: dict[str, int]) -> str:
    """``start`` without the characters the model does not know; a newline when nothing is left."""
    kept = "".join(c for c in start if c in stoi)
    if kept:
        return kept
    return "\n" if "\n" in stoi else next(iter(stoi))


def _last_logits(model: torch.nn.Module, stoi: dict[str, int], start: str) -> torch.Tensor:
    """``(V,)`` float64 logits (on the CPU) of the character that follows ``start``."""
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            logits, _ = model(torch.tensor([[stoi[c] for c in _clean_start(start, stoi)]], device=device))
    finally:
        model.train(was_training)
    return logits[0, -1].double().cpu()


def next_char_probabilities(model: torch.nn.Module, stoi: dict[str, int], start: str, temperature: float = 1.0) -> np.ndarray:
    """``(V,)`` probabilities of the character that follows ``start``: ``softmax(logits / T)``."""
    return torch.softmax(_last_logits(model, stoi, start) / temperature, dim=-1).numpy()


def _entropy_bits(probs: np.ndarray) -> float:
    p = probs[probs > 0]
    return float(-(p * np.log2(p)).sum())


# --------------------------------------------------------------------------- fast sampling


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 + 0.5 * np.tanh(0.5 * z)  # no overflow warning for large |z|, unlike 1 / (1 + exp(-z))


class _Steps:
    """A CharRNN-shaped model (one ``nn.Embedding``, one ``nn.LSTM``/``nn.GRU``/``nn.RNN``, one
    ``nn.Linear``) run one character at a time in NumPy, from a float32 copy of its weights.

    Sampling calls the model once per character on a ``(1, 1)`` input: ~0.3 ms each through
    ``nn.Module`` and the LSTM's dispatch (LSTM, H = 128), where the arithmetic is a 512 x 128
    matrix-vector product. Here a step is ~0.05 ms. The copy is built for one sample (it is cheap:
    the embedding is folded into the first layer's input weights, a ``(V, G)`` table) so it never
    goes stale while the model trains. :func:`_sample` checks it against the model before use.
    """

    def __init__(self, embedding: torch.nn.Embedding, rnn: torch.nn.RNNBase, head: torch.nn.Linear):
        def array(tensor: torch.Tensor) -> np.ndarray:
            return tensor.detach().to("cpu", torch.float32).numpy()

        self.kind = type(rnn).__name__  # "LSTM", "GRU" or "RNN"
        self.hidden = rnn.hidden_size
        self.act = np.tanh if getattr(rnn, "nonlinearity", "tanh") == "tanh" else (lambda z: np.maximum(z, 0.0))
        self.layers = []  # per layer: (W_ih (in, G) or table (V, G), W_hh (G, H), b_ih (G,), b_hh (G,))
        for k in range(rnn.num_layers):
            w_ih, w_hh = array(getattr(rnn, f"weight_ih_l{k}")), array(getattr(rnn, f"weight_hh_l{k}"))
            zeros = np.zeros(w_ih.shape[0], np.float32)
            b_ih = array(getattr(rnn, f"bias_ih_l{k}")) if rnn.bias else zeros
            b_hh = array(getattr(rnn, f"bias_hh_l{k}")) if rnn.bias else zeros
            # folded in torch: a NumPy product could wake OpenBLAS's threads, which spin on a busy machine
            w_in = array(embedding.weight.detach() @ getattr(rnn, f"weight_ih_l{k}").detach().T) if k == 0 \
                else np.ascontiguousarray(w_ih.T)
            if self.kind != "GRU":  # the GRU multiplies b_hh by its reset gate: kept apart there
                b_ih, b_hh = b_ih + b_hh, zeros
            self.layers.append((w_in, w_hh, b_ih, b_hh))
        self.w_out = array(head.weight)
        self.b_out = array(head.bias) if head.bias is not None else np.zeros(head.out_features, np.float32)

    @classmethod
    def of(cls, model: torch.nn.Module) -> "_Steps | None":
        """The model's steps, or None when it is not CharRNN-shaped."""
        def only(kinds: tuple) -> list:
            return [m for m in model.modules() if isinstance(m, kinds)]

        embeddings, rnns, heads = only((torch.nn.Embedding,)), only(tuple(reference.CELLS.values())), only((torch.nn.Linear,))
        if len(embeddings) != 1 or len(rnns) != 1 or len(heads) != 1:
            return None
        rnn = rnns[0]
        if rnn.bidirectional or getattr(rnn, "proj_size", 0) or embeddings[0].max_norm is not None:
            return None
        return cls(embeddings[0], rnn, heads[0])

    def zero_state(self) -> list:
        zeros = np.zeros(self.hidden, np.float32)
        return [(zeros, zeros) if self.kind == "LSTM" else zeros for _ in self.layers]

    def logits(self, index: int, state: list) -> np.ndarray:
        """Feed character ``index``: ``state`` (a list, one entry per layer) moves on; returns ``(V,)`` logits."""
        H = self.hidden
        x = None
        for k, (w_in, w_hh, b_ih, b_hh) in enumerate(self.layers):
            pre = (w_in[index] if k == 0 else x @ w_in) + b_ih
            if self.kind == "LSTM":  # gates i, f, g, o
                h, c = state[k]
                z = pre + w_hh @ h
                gates = _sigmoid(z)
                c = gates[H:2 * H] * c + gates[:H] * np.tanh(z[2 * H:3 * H])
                h = gates[3 * H:] * np.tanh(c)
                state[k] = (h, c)
            elif self.kind == "GRU":  # gates r, z, n
                h = state[k]
                hidden = w_hh @ h + b_hh
                rz = _sigmoid(pre[:2 * H] + hidden[:2 * H])
                n = np.tanh(pre[2 * H:] + rz[:H] * hidden[2 * H:])
                h = (1.0 - rz[H:]) * n + rz[H:] * h
                state[k] = h
            else:
                h = self.act(pre + w_hh @ state[k])
                state[k] = h
            x = h
        return self.w_out @ x + self.b_out


def _sample(model: torch.nn.Module, stoi: dict[str, int], itos: list[str], start: str, length: int,
            temperature: float = 1.0, generator: torch.Generator | None = None) -> str:
    """What :func:`~gradschool.reference.char_rnn.sample` returns (the same draws from ``generator``),
    about 4x faster for a CharRNN-shaped model.

    The fast steps are first run over ``start`` and a few more characters beside the model itself:
    if their logits disagree (a model that does something else), the reference function samples.
    """
    steps = _Steps.of(model) if start and temperature > 0 else None
    if steps is None:
        return reference.sample(model, stoi, itos, start, length, temperature=temperature, generator=generator)
    ids = [stoi[c] for c in start]
    probe = ids + [k % len(itos) for k in range(1, 5)]  # a few steps more: the recurrence is checked too
    state = steps.zero_state()
    fast = []
    for position, index in enumerate(probe):
        fast.append(steps.logits(index, state))
        if position == len(ids) - 1:
            after_start = list(state)
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            own = model(torch.tensor([probe], device=device))[0][0].float().cpu()
    finally:
        model.train(was_training)
    if not np.allclose(np.stack(fast), own.numpy(), rtol=1e-3, atol=1e-3 * (1.0 + float(own.abs().max()))):
        return reference.sample(model, stoi, itos, start, length, temperature=temperature, generator=generator)
    state, logits = after_start, own[len(ids) - 1]  # the first draw from the model's own logits
    drawn = []
    for k in range(length):
        # softmax and multinomial in torch, as the reference does: the same draws from the generator
        probs = torch.softmax(logits / temperature, dim=-1)
        next_id = int(torch.multinomial(probs, 1, generator=generator))
        drawn.append(itos[next_id])
        if k + 1 < length:
            logits = torch.from_numpy(steps.logits(next_id, state))
    return start + "".join(drawn)


# --------------------------------------------------------------------------- the sampler's picture


def _wrap(text: str, columns: int) -> str:
    """``text`` wrapped at ``columns`` and cut after ``TEXT_LINES`` lines (tabs as four spaces)."""
    lines: list[str] = []
    for line in text.replace("\t", "    ").split("\n"):
        lines.extend(textwrap.wrap(line, columns, drop_whitespace=False, replace_whitespace=False) or [""])
    if len(lines) > TEXT_LINES:
        lines = lines[:TEXT_LINES - 1] + ["[...]"]
    return "\n".join(lines)


def _text_artists(ax: Axes) -> tuple[Text, Text]:
    """An empty monospaced text block in ``ax`` (no axis) and its title: set them with ``set_text``."""
    ax.axis("off")
    body = ax.text(0.0, 1.0, "", family="monospace", fontsize=8, va="top", ha="left", transform=ax.transAxes,
                   parse_math=False)
    return body, ax.set_title("", fontsize=9, loc="left", parse_math=False)


class _SamplerPicture:
    """The figure of :func:`sampler_figure`, built once; :meth:`show` puts a state in it.

    What depends only on the start text (the temperature-1 bars and their character labels) is
    static; the temperature bars, the titles, the legend and the sample move (see :meth:`moving`).
    """

    def __init__(self, itos: list[str]):
        self.itos = itos
        self.figure = new_figure(9.0, 5.6)
        self.figure.set_layout_engine("none")  # fixed margins: one layout pass less, a faster redraw
        top, bottom = self.figure.subplots(2, 1, gridspec_kw={"height_ratios": [1.0, 1.6], "left": 0.08, "right": 0.98,
                                                              "top": 0.94, "bottom": 0.02, "hspace": 0.22})
        self.top = top
        self.positions = np.arange(min(TOP_CHARACTERS, len(itos)))
        zeros = np.zeros(len(self.positions))
        self.reference_bars = top.bar(self.positions, zeros, width=0.8, color="none", edgecolor="grey", linewidth=1.0,
                                      label="temperature 1")
        self.bars = top.bar(self.positions, zeros, width=0.55, color="tab:blue", label="temperature")
        top.set_xlim(-0.6, len(self.positions) - 0.4)
        top.set_ylim(0, 1.0)
        top.set_ylabel("probability")
        top.set_title("", fontsize=9, parse_math=False)
        self.legend = top.legend(fontsize=8, loc="upper right")
        self.text, self.text_title = _text_artists(bottom)
        self.order: np.ndarray | None = None
        self._probs_t1: np.ndarray | None = None

    def moving(self) -> list[Artist]:
        """What changes with the temperature, seed and length. The bars touch the top and bottom
        spines, which a full draw puts over them: they move too, to stay on top."""
        return [*self.bars, self.top.title, self.legend, self.text, self.text_title,
                self.top.spines["bottom"], self.top.spines["top"]]

    def show(self, state: dict[str, Any]) -> bool:
        """Put ``state`` (see :func:`_sampler_state`) in the picture; True when the static part changed."""
        probs, probs_t1, temperature = state["probs"], state["probs_t1"], state["temperature"]
        static = self._probs_t1 is None or not np.array_equal(self._probs_t1, probs_t1)
        if static:  # a new start text (or a model trained since): new characters, new reference bars
            self._probs_t1 = probs_t1
            self.order = np.argsort(-probs_t1, kind="stable")[:TOP_CHARACTERS]  # fixed order: T only changes heights
            for bar, height in zip(self.reference_bars, probs_t1[self.order]):
                bar.set_height(height)
            self.top.set_xticks(self.positions, [printable(self.itos[i]) for i in self.order], parse_math=False,
                                fontsize=8, fontfamily="monospace")
        for bar, height in zip(self.bars, probs[self.order]):
            bar.set_height(height)
        self.bars.set_label(f"temperature {temperature:.2f}")
        self.legend.get_texts()[1].set_text(f"temperature {temperature:.2f}")
        shown = state["start"][-20:].replace("\n", "\\n")
        self.top.title.set_text(f"next character after '...{shown}': entropy {_entropy_bits(probs):.2f} bits at "
                                f"temperature {temperature:.2f} ({_entropy_bits(probs_t1):.2f} at 1)")
        self.text.set_text(_wrap(state["text"], TEXT_COLUMNS))
        self.text_title.set_text(f"{state['length']} characters sampled at temperature {temperature:.2f} "
                                 f"(seed {state['seed']}), after the start text")
        return static


def sampler_figure(
    model: torch.nn.Module,
    stoi: dict[str, int],
    itos: list[str],
    start: str = "def ",
    temperature: float = 1.0,
    seed: int = 0,
    length: int = 300,
    sample_fn: Callable | None = None,
) -> Figure:
    """The next-character distribution after ``start`` and a text sampled at ``temperature``."""
    picture = _SamplerPicture(itos)
    picture.show(_sampler_state(model, stoi, itos, start, temperature, seed, length, sample_fn))
    return picture.figure


def _sampler_state(model, stoi, itos, start, temperature, seed, length, sample_fn) -> dict[str, Any]:
    start = _clean_start(start, stoi)
    temperature = float(temperature)
    text = (sample_fn or _sample)(model, stoi, itos, start, int(length), temperature=temperature,
                                  generator=torch.Generator().manual_seed(int(seed)))
    logits = _last_logits(model, stoi, start)  # one forward pass for both distributions
    return {
        "start": start,
        "temperature": temperature,
        "seed": int(seed),
        "length": int(length),
        "text": text,
        "probs": torch.softmax(logits / temperature, dim=-1).numpy(),
        "probs_t1": torch.softmax(logits, dim=-1).numpy(),
    }


class TextSampler(FigureExplorer):
    """Temperature, start text, seed and length over :func:`sampler_figure`; every change samples again.

    ``state`` holds the last sample (``"text"``) and distributions (``"probs"``). Pass
    ``sample_fn=sample`` to sample with your own function. The picture is one kept figure: a
    change redraws only the temperature bars, the titles and the text (``live.full_draws`` counts
    the full draws: a new start text, or a model trained since, is one).
    """

    _held = ("_picture", "_live")  # let go when retired (gradschool.widgets.rerun)

    def __init__(
        self,
        model: torch.nn.Module,
        stoi: dict[str, int],
        itos: list[str],
        start: str = "def ",
        temperature: float = 1.0,
        seed: int = 0,
        length: int = 300,
        sample_fn: Callable | None = None,
    ):
        self.model, self.stoi, self.itos = model, stoi, itos
        self._sample_fn = sample_fn
        self.state: dict[str, Any] = {}
        self._picture = _SamplerPicture(itos)
        self._live = LivePicture(self._picture.figure)
        self._live.moving(*self._picture.moving())
        style = {"description_width": "initial"}
        controls = {
            "start": widgets.Text(value=start, description="start text", continuous_update=False, style=style),
            # Every change samples the whole text again: no updates while a slider is dragged. (It also
            # keeps the kernel's value in step with the handle: with continuous updates, a burst of
            # arrow keys on this log slider could leave the kernel one step behind the handle.)
            "temperature": widgets.FloatLogSlider(value=temperature, base=10, min=-1.3, max=0.6, step=0.02,
                                                  description="temperature", readout_format=".2f", style=style,
                                                  continuous_update=False),
            "seed": widgets.IntSlider(value=seed, min=0, max=50, description="seed", style=style,
                                      continuous_update=False),
            "length": widgets.IntSlider(value=length, min=20, max=800, step=20, description="length", style=style,
                                        continuous_update=False),
        }
        super().__init__(controls, self._draw_current)

    def _draw_current(self, start: str, temperature: float, seed: int, length: int) -> LivePicture:
        self.state = _sampler_state(self.model, self.stoi, self.itos, start, temperature, seed, length, self._sample_fn)
        if self._picture.show(self.state):
            self._live.invalidate()
        return self._live


# --------------------------------------------------------------------------- training


class CharTrainer:
    """A fresh character model learning ``train_ids`` by truncated BPTT, with its history.

    ``step(n)`` takes ``n`` chunks (see :class:`~gradschool.reference.char_rnn.TBPTTTrainer`);
    :meth:`evaluate` appends the held-out bits per character (on the first ``eval_chars``
    held-out characters) to ``held_out``. ``bigram`` is the add-one bigram baseline on the same
    characters; ``uniform`` is ``log2(V)``.
    """

    def __init__(
        self,
        train_ids: torch.Tensor,
        test_ids: torch.Tensor,
        vocab_size: int,
        cell: str = "lstm",
        embed_dim: int = 32,
        hidden_dim: int = 128,
        lr: float = 5e-3,
        max_norm: float | None = 1.0,
        batch_size: int = 32,
        seq_len: int = 64,
        seed: int = 0,
        eval_chars: int = 2000,
        model_class: Callable | None = None,
        device: torch.device | str | None = None,
    ):
        self.cell, self.lr, self.max_norm_value = cell, float(lr), max_norm
        self.vocab_size = int(vocab_size)
        self.test_ids = test_ids[: int(eval_chars) + 1]
        model_class = model_class or reference.CharRNN
        with torch.random.fork_rng(devices=[]):  # seeded, without touching the notebook's random state
            torch.manual_seed(int(seed))
            self.model = model_class(self.vocab_size, embed_dim, hidden_dim, cell=cell)
        self.trainer = reference.TBPTTTrainer(self.model, train_ids, batch_size, seq_len, lr, max_norm or None, device)
        self.bigram = reference.bigram_bits_per_char(train_ids, self.test_ids, self.vocab_size)
        self.uniform = math.log2(self.vocab_size)
        self.held_out: list[tuple[int, float]] = []
        self.evaluate()

    @property
    def steps(self) -> int:
        return self.trainer.steps

    @property
    def history(self) -> dict[str, list[float]]:
        return self.trainer.history

    def set_lr(self, lr: float) -> None:
        self.lr = float(lr)
        for group in self.trainer.optimizer.param_groups:
            group["lr"] = self.lr

    def set_max_norm(self, max_norm: float | None) -> None:
        self.max_norm_value = max_norm
        self.trainer.max_norm = max_norm or None

    def step(self, n: int = 1) -> None:
        self.trainer.step(n)

    def evaluate(self) -> float:
        bpc = reference.bits_per_char(self.model, self.test_ids)
        self.held_out.append((self.steps, bpc))
        return bpc

    def sample_text(self, stoi: dict[str, int], itos: list[str], length: int = 240) -> str:
        """What the model writes now after ``"def "``, at temperature 0.8 (always the same seed)."""
        return _sample(self.model, stoi, itos, _clean_start("def ", stoi), length, temperature=0.8,
                       generator=torch.Generator().manual_seed(0))

    def draw(
        self,
        figure: Figure | None = None,
        itos: list[str] | None = None,
        stoi: dict[str, int] | None = None,
        text: str | None = None,
    ) -> Figure:
        """Bits per character and gradient norms (left), a sample from the model (right).

        The sample is ``text`` when given, else drawn now when ``itos`` and ``stoi`` are given.
        """
        figure = figure if figure is not None else new_figure(10.0, 4.6)
        if text is None and itos is not None and stoi is not None:
            text = self.sample_text(stoi, itos)
        _TrainingPicture(figure).show(self, text, self.steps)
        return figure


def _x_limit(steps: int) -> float:
    """The step axis's right end: 50, else the next of 1, 1.5, 2, 3, 4, 5, 6, 8 x 10^k at or above
    ``steps``. The curves fill at least three quarters of the width, and the axis (a full draw)
    changes a few times per decade instead of on every frame."""
    if steps <= 50:
        return 50.0
    scale = 10.0 ** math.floor(math.log10(steps))
    return next(m * scale for m in (1, 1.5, 2, 3, 4, 5, 6, 8, 10) if m * scale >= steps)


def _decades(values: np.ndarray) -> tuple[float, float]:
    """The whole decades around the positive finite ``values``, for a log axis that rarely changes."""
    values = values[np.isfinite(values) & (values > 0)]
    if not len(values):
        return 0.1, 10.0
    # strictly inside: a clipping threshold of exactly 1 is a line inside the axes, not on its edge
    return 10.0 ** (math.ceil(math.log10(values.min())) - 1), 10.0 ** (math.floor(math.log10(values.max())) + 1)


class _TrainingPicture:
    """The picture of :meth:`CharTrainer.draw`, built once in ``figure``; :meth:`show` puts a trainer in it.

    The training, held-out and gradient-norm curves are the moving artists (:meth:`moving`); the
    title, the legend and the sample change only at an evaluation or a change of settings
    (:meth:`now_and_then`: the live picture keeps them in a layer of their own, redrawn then); the
    rest is static. The axes' limits change only when the data leaves them (:func:`_x_limit`,
    :func:`_decades`): then the whole figure is drawn again. (The sample is ~300 glyphs, which
    Matplotlib renders one by one: ~25 ms, too much to redraw on every frame.) :meth:`show` says
    which of the two happened.
    """

    def __init__(self, figure: Figure):
        self.figure = figure
        figure.set_layout_engine("none")  # fixed margins: one layout pass less, a faster redraw
        grid = figure.add_gridspec(2, 2, width_ratios=[1.0, 1.15], height_ratios=[1.6, 1.0], left=0.085, right=0.99,
                                   top=0.89, bottom=0.11, wspace=0.08, hspace=0.12)
        self.curves = curves = figure.add_subplot(grid[0, 0])
        self.norms = norms = figure.add_subplot(grid[1, 0], sharex=curves)
        self.raw, = curves.plot([], [], color="tab:blue", alpha=0.25, linewidth=0.8)
        self.smooth, = curves.plot([], [], color="tab:blue", label="training (running mean)")
        self.held, = curves.plot([], [], "o-", color="tab:red", markersize=3, label="held-out")
        self.bigram = curves.axhline(0.0, color="tab:orange", linestyle="--", label="bigram")
        self.uniform = curves.axhline(0.0, color="grey", linestyle=":", label="uniform")
        curves.set_ylabel("bits per character")
        curves.grid(alpha=0.3)
        self.legend = curves.legend(fontsize=7, loc="upper right")
        curves.set_title("", fontsize=9)
        self.grads, = norms.plot([], [], color="tab:green", linewidth=0.8)
        self.clip = norms.axhline(1.0, color="black", linestyle="--", linewidth=0.8)
        norms.set_yscale("log")
        norms.yaxis.set_minor_formatter(NullFormatter())  # decades only: the label stays readable
        curves.tick_params(labelbottom=False)
        norms.set_xlabel("step (chunks of text)")
        norms.set_ylabel("grad norm", fontsize=8)
        norms.grid(alpha=0.3)
        self.text, self.text_title = _text_artists(figure.add_subplot(grid[:, 1]))
        self.limits: tuple | None = None  # what the axes were drawn for
        self.words: tuple | None = None  # what the now-and-then artists were drawn for

    def now_and_then(self) -> list[Artist]:
        """The title, the legend (its texts quote the bigram and uniform losses) and the sample with its title."""
        return [self.curves.title, self.legend, self.text, self.text_title]

    def moving(self) -> list[Artist]:
        """The curves, and the spines that a full draw puts over them (a curve along an edge).
        A curve crossing the legend or a reference line is drawn over it (a full draw puts it under)."""
        spines = [*self.curves.spines.values(), *self.norms.spines.values()]
        return [self.raw, self.smooth, self.held, self.grads, *spines]

    def show(self, trainer: "CharTrainer", text: str | None, text_steps: int) -> tuple[bool, bool]:
        """Put the trainer's curves and ``text`` (sampled after ``text_steps`` steps) in the picture;
        returns ``(axes, words)``: whether the axes changed (the whole figure must be drawn again) and
        whether the :meth:`now_and_then` artists did (their layer must be)."""
        bpc = np.asarray(trainer.history["bpc"], dtype=float)
        steps = np.arange(1, len(bpc) + 1)
        window = max(1, min(20, len(bpc)))
        smooth = np.convolve(bpc, np.ones(window) / window, mode="valid") if len(bpc) else bpc
        self.raw.set_data(steps, bpc)
        self.smooth.set_data(steps[window - 1:], smooth)
        held = np.asarray(trainer.held_out, dtype=float).reshape(-1, 2)
        self.held.set_data(held[:, 0], held[:, 1])
        self.bigram.set_ydata([trainer.bigram, trainer.bigram])
        self.uniform.set_ydata([trainer.uniform, trainer.uniform])
        self.legend.get_texts()[2].set_text(f"bigram, held-out: {trainer.bigram:.2f}")
        self.legend.get_texts()[3].set_text(f"uniform guess {trainer.uniform:.2f}")
        clip = "off" if not trainer.max_norm_value else f"{trainer.max_norm_value:g}"
        self.curves.title.set_text(f"{trainer.cell.upper()}, lr {trainer.lr:g}, clip {clip}: held-out "
                                   f"{held[-1, 1]:.2f} bits/char\n(measured on the first "
                                   f"{len(trainer.test_ids) - 1:,} held-out characters)")
        grads = np.asarray(trainer.history["grad_norm"], dtype=float)
        self.grads.set_data(steps, grads)
        self.clip.set_visible(bool(trainer.max_norm_value))
        self.clip.set_ydata([trainer.max_norm_value or 1.0] * 2)
        self.text.set_text("" if text is None else _wrap(text, 64))
        self.text_title.set_text("" if text is None else f"after {text_steps} steps, it writes (temperature 0.8):")
        words = (text, text_steps, self.curves.title.get_text(), trainer.bigram, trainer.uniform)
        limits = (_x_limit(trainer.steps), trainer.uniform,
                  _decades(np.append(grads, trainer.max_norm_value or np.nan)), trainer.bigram, trainer.max_norm_value)
        words_changed, self.words = words != self.words, words
        if limits == self.limits:
            return False, words_changed
        self.limits = limits
        self.curves.set_xlim(0, limits[0])
        self.curves.set_ylim(0.8, trainer.uniform + 0.4)
        self.norms.set_ylim(*limits[2])
        return True, words_changed


def training_figure(
    train_ids: torch.Tensor,
    test_ids: torch.Tensor,
    stoi: dict[str, int],
    itos: list[str],
    steps: int = 100,
    cell: str = "lstm",
    seed: int = 0,
    **settings: Any,
) -> Figure:
    """A fresh model trained for ``steps`` chunks: its curves and what it writes."""
    trainer = CharTrainer(train_ids, test_ids, len(itos), cell=cell, seed=seed, **settings)
    trainer.step(steps)
    trainer.evaluate()
    return trainer.draw(itos=itos, stoi=stoi)


class TrainingView(BrowserRedraw, PlayLoop, widgets.VBox):
    """Watch a character model learn: bits per character and a sample, redrawn as it trains.

    Changing the cell type starts a fresh model; the learning rate and the clipping threshold
    apply from the next step on. ``Play`` trains in a background thread (``Pause`` stops it
    within a fraction of a second) and redraws the curves every ``redraw_every`` steps (a frame);
    the heavy part of a picture, the held-out evaluation and a new sample (about as long as one
    training step), is redone every ``evaluate_every`` steps, so drawing never slows training.
    ``Step`` takes one frame's steps, evaluates and samples; ``Reset`` starts again.
    Scripts and tests call :meth:`step`, :meth:`reset`, :meth:`play_for` and :meth:`pause`.

    The picture is one kept figure (``_live``): a frame redraws only the curves, titles and the
    sample over a cached background; the axes are drawn again only when the curves outgrow them.
    """

    _held = ("trainer", "_picture", "_live")  # let go when retired (gradschool.widgets.rerun)

    def __init__(
        self,
        train_ids: torch.Tensor,
        test_ids: torch.Tensor,
        stoi: dict[str, int],
        itos: list[str],
        cell: str = "lstm",
        lr: float = 5e-3,
        max_norm: float = 1.0,
        redraw_every: int = 2,
        interval: float = 0.05,
        seed: int = 0,
        model_class: Callable | None = None,
        evaluate_every: int = 25,
        **settings: Any,
    ):
        self.train_ids, self.test_ids, self.stoi, self.itos = train_ids, test_ids, stoi, itos
        # 2 steps of the course's LSTM (batch 32 x 64 characters, H = 128) take ~30 ms of one CPU
        # core, a frame's redraw ~10 ms, the evaluation every 25 steps ~20 ms a frame: 10-20 frames a second.
        self.redraw_every = max(1, int(redraw_every))
        self.evaluate_every = max(1, int(evaluate_every))
        self.interval = float(interval)
        self._seed, self._model_class, self._settings = int(seed), model_class, settings
        style = {"description_width": "initial"}
        self.cell = widgets.Dropdown(options=[("LSTM", "lstm"), ("GRU", "gru"), ("RNN (tanh)", "rnn")], value=cell,
                                     description="cell", layout=widgets.Layout(width="170px"))
        self.lr = widgets.Dropdown(options=[(f"{v:g}", v) for v in sorted({*LEARNING_RATES, float(lr)})], value=float(lr),
                                   description="learning rate", style=style, layout=widgets.Layout(width="190px"))
        clip_options = list(CLIP_CHOICES) if float(max_norm) in dict(CLIP_CHOICES).values() else \
            [*CLIP_CHOICES, (f"{max_norm:g}", float(max_norm))]
        self.clip = widgets.Dropdown(options=clip_options, value=float(max_norm), description="clip grad norm",
                                     style=style, layout=widgets.Layout(width="200px"))
        self.play = widgets.ToggleButton(value=False, description="Play", icon="play", tooltip="Play / Pause")
        self.step_button = widgets.Button(description=f"Step {self.redraw_every}", icon="step-forward",
                                          tooltip=f"train on {self.redraw_every} chunks")
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="a fresh model")
        self.status = widgets.Label()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.controls = {"cell": self.cell, "lr": self.lr, "clip": self.clip}
        self.redraw_count = 0
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.trainer = self._new_trainer()
        self._text: tuple[int, str] | None = None  # (steps, the sample the model wrote then)
        self._picture = _TrainingPicture(new_figure(10.0, 4.6))
        self._live = LivePicture(self._picture.figure)
        self._live.moving(*self._picture.moving())
        self._live.now_and_then(*self._picture.now_and_then())
        self.cell.observe(lambda _change: self.reset(), names="value")
        self.lr.observe(self._on_setting_change, names="value")
        self.clip.observe(self._on_setting_change, names="value")
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step(self.redraw_every))
        self.reset_button.on_click(lambda _button: self.reset())
        row = widgets.Layout(flex_flow="row wrap")
        super().__init__([
            widgets.HBox([self.cell, self.lr, self.clip], layout=row),
            widgets.HBox([self.play, self.step_button, self.reset_button, self.status], layout=row),
            self.image,
        ])
        self.redraw()

    def _new_trainer(self) -> CharTrainer:
        return CharTrainer(self.train_ids, self.test_ids, len(self.itos), cell=self.cell.value, lr=self.lr.value,
                           max_norm=self.clip.value or None, seed=self._seed, model_class=self._model_class,
                           **self._settings)

    @property
    def steps(self) -> int:
        return self.trainer.steps

    def _on_setting_change(self, change: dict) -> None:
        with self._lock:
            self.trainer.set_lr(self.lr.value)
            self.trainer.set_max_norm(self.clip.value or None)
        self._refresh_for(change)

    def _refresh(self) -> None:
        self.redraw(evaluate=False)

    def step(self, n: int = 1) -> None:
        """Train ``n`` more chunks, then evaluate, sample and redraw once."""
        with self._lock:
            self.trainer.step(n)
            self.redraw()

    def reset(self) -> None:
        """Stop playing; a fresh model with the current settings, no step taken."""
        self.pause()
        with self._lock:
            self.trainer = self._new_trainer()
            self._text = None
            self.redraw(evaluate=False)

    def redraw(self, evaluate: bool = True, stop: threading.Event | None = None) -> None:
        """Evaluate the held-out text and sample what the model writes now (unless ``evaluate`` is
        false: then the last sample stays), draw.

        With ``stop`` (the Play thread's event), each stage first checks it and gives up once it
        is set, so that Pause never waits for a whole redraw.
        """
        def stopped() -> bool:
            return stop is not None and stop.is_set()

        with self._lock:
            trainer = self.trainer
            if evaluate and trainer.held_out[-1][0] != trainer.steps:
                trainer.evaluate()
            if stopped():
                return
            if self._text is None or (evaluate and self._text[0] != trainer.steps):
                self._text = (trainer.steps, trainer.sample_text(self.stoi, self.itos))
            if stopped():
                return
            axes, words = self._picture.show(trainer, self._text[1], self._text[0])
            if axes:
                self._live.invalidate()  # the curves outgrew the axes (or a fresh model): draw them again
            elif words:
                self._live.redraw_layer()  # a new sample or title: redraw it, not the axes
            picture = self._live.png()
            if stopped():
                return
            self.image.value = picture
            self.redraw_count += 1
            last = f"training {trainer.history['bpc'][-1]:.2f}, " if trainer.history["bpc"] else ""
            self.status.value = (f"step {trainer.steps}: {last}held-out {trainer.held_out[-1][1]:.2f} bits/char "
                                 f"(bigram {trainer.bigram:.2f})")

    # ---- play / pause
    def _run(self) -> None:
        while not self._stop.is_set():
            taken = 0
            while taken < self.redraw_every and not self._stop.is_set():
                with self._lock:
                    self.trainer.step(1)  # one chunk at a time: Pause is seen within one step
                taken += 1
            if self._stop.is_set():
                break
            trainer = self.trainer
            # the held-out evaluation and a new sample only every evaluate_every steps: the curves every frame
            self.redraw(evaluate=trainer.steps - trainer.held_out[-1][0] >= self.evaluate_every, stop=self._stop)
            if self._stop.is_set():
                break
            if self.trainer.steps >= MAX_STEPS or not math.isfinite(self.trainer.history["bpc"][-1]):
                break
            self._wait_next_frame()
        if not self._stop.is_set():
            self.play.value = False  # finished by itself: calls pause(), which does not join its own thread
