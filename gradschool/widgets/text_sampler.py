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
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from gradschool.reference import char_rnn as reference
from gradschool.widgets.base import BrowserRedraw, PlayLoop, FigureExplorer, figure_png, new_figure

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


@torch.no_grad()
def next_char_probabilities(model: torch.nn.Module, stoi: dict[str, int], start: str, temperature: float = 1.0) -> np.ndarray:
    """``(V,)`` probabilities of the character that follows ``start``: ``softmax(logits / T)``."""
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    try:
        logits, _ = model(torch.tensor([[stoi[c] for c in _clean_start(start, stoi)]], device=device))
    finally:
        model.train(was_training)
    return torch.softmax(logits[0, -1].double().cpu() / temperature, dim=-1).numpy()


def _entropy_bits(probs: np.ndarray) -> float:
    p = probs[probs > 0]
    return float(-(p * np.log2(p)).sum())


def _draw_distribution(ax: Axes, probs: np.ndarray, probs_t1: np.ndarray, itos: list[str], start: str, temperature: float) -> None:
    order = np.argsort(-probs_t1, kind="stable")[:TOP_CHARACTERS]  # fixed order: T only changes the heights
    positions = np.arange(len(order))
    ax.bar(positions, probs_t1[order], width=0.8, color="none", edgecolor="grey", linewidth=1.0, label="temperature 1")
    ax.bar(positions, probs[order], width=0.55, color="tab:blue", label=f"temperature {temperature:.2f}")
    ax.set_xticks(positions, [printable(itos[i]) for i in order], parse_math=False, fontsize=8, fontfamily="monospace")
    ax.set_xlim(-0.6, len(order) - 0.4)
    ax.set_ylim(0, 1.0)
    ax.set_ylabel("probability")
    shown = start[-20:].replace("\n", "\\n")
    ax.set_title(
        f"next character after '...{shown}': entropy {_entropy_bits(probs):.2f} bits at temperature {temperature:.2f} "
        f"({_entropy_bits(probs_t1):.2f} at 1)",
        fontsize=9,
        parse_math=False,
    )
    ax.legend(fontsize=8, loc="upper right")


def _draw_text(ax: Axes, text: str, title: str, columns: int = TEXT_COLUMNS) -> None:
    """``text`` in a monospaced font, wrapped at ``columns`` and cut after ``TEXT_LINES`` lines."""
    ax.axis("off")
    lines: list[str] = []
    for line in text.replace("\t", "    ").split("\n"):
        lines.extend(textwrap.wrap(line, columns, drop_whitespace=False, replace_whitespace=False) or [""])
    if len(lines) > TEXT_LINES:
        lines = lines[:TEXT_LINES - 1] + ["[...]"]
    ax.text(0.0, 1.0, "\n".join(lines), family="monospace", fontsize=8, va="top", ha="left",
            transform=ax.transAxes, parse_math=False)
    ax.set_title(title, fontsize=9, loc="left", parse_math=False)


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
    return _sampler_picture(_sampler_state(model, stoi, itos, start, temperature, seed, length, sample_fn), itos)


def _sampler_state(model, stoi, itos, start, temperature, seed, length, sample_fn) -> dict[str, Any]:
    start = _clean_start(start, stoi)
    temperature = float(temperature)
    sample_fn = sample_fn or reference.sample
    text = sample_fn(model, stoi, itos, start, int(length), temperature=temperature,
                     generator=torch.Generator().manual_seed(int(seed)))
    return {
        "start": start,
        "temperature": temperature,
        "seed": int(seed),
        "length": int(length),
        "text": text,
        "probs": next_char_probabilities(model, stoi, start, temperature),
        "probs_t1": next_char_probabilities(model, stoi, start, 1.0),
    }


def _sampler_picture(state: dict[str, Any], itos: list[str]) -> Figure:
    figure = new_figure(9.0, 5.6)
    figure.set_layout_engine("none")  # fixed margins: one layout pass less, a faster redraw
    top, bottom = figure.subplots(2, 1, gridspec_kw={"height_ratios": [1.0, 1.6], "left": 0.08, "right": 0.98,
                                                     "top": 0.94, "bottom": 0.02, "hspace": 0.22})
    _draw_distribution(top, state["probs"], state["probs_t1"], itos, state["start"], state["temperature"])
    _draw_text(bottom, state["text"], f"{state['length']} characters sampled at temperature "
                                      f"{state['temperature']:.2f} (seed {state['seed']}), after the start text")
    return figure


class TextSampler(FigureExplorer):
    """Temperature, start text, seed and length over :func:`sampler_figure`; every change samples again.

    ``state`` holds the last sample (``"text"``) and distributions (``"probs"``). Pass
    ``sample_fn=sample`` to sample with your own function.
    """

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

    def _draw_current(self, start: str, temperature: float, seed: int, length: int) -> Figure:
        self.state = _sampler_state(self.model, self.stoi, self.itos, start, temperature, seed, length, self._sample_fn)
        return _sampler_picture(self.state, self.itos)


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
        return reference.sample(self.model, stoi, itos, _clean_start("def ", stoi), length, temperature=0.8,
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
        figure.set_layout_engine("none")  # fixed margins: one layout pass less, a faster redraw
        grid = figure.add_gridspec(2, 2, width_ratios=[1.0, 1.15], height_ratios=[1.6, 1.0], left=0.085, right=0.99,
                                   top=0.89, bottom=0.11, wspace=0.08, hspace=0.12)
        curves = figure.add_subplot(grid[0, 0])
        norms = figure.add_subplot(grid[1, 0], sharex=curves)
        text_ax = figure.add_subplot(grid[:, 1])
        self._draw_curves(curves, norms)
        if text is None and itos is not None and stoi is not None:
            text = self.sample_text(stoi, itos)
        if text is not None:
            _draw_text(text_ax, text, f"after {self.steps} steps, it writes (temperature 0.8):", columns=64)
        else:
            text_ax.axis("off")
        return figure

    def _draw_curves(self, curves: Axes, norms: Axes) -> None:
        bpc = np.asarray(self.history["bpc"], dtype=float)
        steps = np.arange(1, len(bpc) + 1)
        if len(bpc):
            window = min(20, len(bpc))
            smooth = np.convolve(bpc, np.ones(window) / window, mode="valid")
            curves.plot(steps, bpc, color="tab:blue", alpha=0.25, linewidth=0.8)
            curves.plot(steps[window - 1:], smooth, color="tab:blue", label="training (running mean)")
        held = np.asarray(self.held_out, dtype=float).reshape(-1, 2)
        curves.plot(held[:, 0], held[:, 1], "o-", color="tab:red", markersize=3, label="held-out")
        curves.axhline(self.bigram, color="tab:orange", linestyle="--", label=f"bigram, held-out: {self.bigram:.2f}")
        curves.axhline(self.uniform, color="grey", linestyle=":", label=f"uniform guess {self.uniform:.2f}")
        curves.set_ylim(0.8, self.uniform + 0.4)
        curves.set_xlim(0, max(50, self.steps))
        curves.set_ylabel("bits per character")
        curves.grid(alpha=0.3)
        curves.legend(fontsize=7, loc="upper right")
        clip = "off" if not self.max_norm_value else f"{self.max_norm_value:g}"
        curves.set_title(f"{self.cell.upper()}, lr {self.lr:g}, clip {clip}: held-out {held[-1, 1]:.2f} bits/char\n"
                         f"(measured on the first {len(self.test_ids) - 1:,} held-out characters)", fontsize=9)
        grads = np.asarray(self.history["grad_norm"], dtype=float)
        if len(grads):
            norms.semilogy(steps, grads, color="tab:green", linewidth=0.8)
            norms.yaxis.set_minor_formatter(NullFormatter())  # decades only: the label stays readable
        if self.max_norm_value:
            norms.axhline(self.max_norm_value, color="black", linestyle="--", linewidth=0.8)
        curves.tick_params(labelbottom=False)
        norms.set_xlabel("step (chunks of text)")
        norms.set_ylabel("grad norm", fontsize=8)
        norms.grid(alpha=0.3)


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
    within a fraction of a second) and redraws every ``redraw_every`` steps, evaluating the
    held-out text each time; ``Step`` takes ``redraw_every`` steps; ``Reset`` starts again.
    Scripts and tests call :meth:`step`, :meth:`reset`, :meth:`play_for` and :meth:`pause`.
    """

    _held = ("trainer",)  # let go when retired (gradschool.widgets.rerun)

    def __init__(
        self,
        train_ids: torch.Tensor,
        test_ids: torch.Tensor,
        stoi: dict[str, int],
        itos: list[str],
        cell: str = "lstm",
        lr: float = 5e-3,
        max_norm: float = 1.0,
        redraw_every: int = 25,
        interval: float = 0.05,
        seed: int = 0,
        model_class: Callable | None = None,
        **settings: Any,
    ):
        self.train_ids, self.test_ids, self.stoi, self.itos = train_ids, test_ids, stoi, itos
        self.redraw_every = max(1, int(redraw_every))
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
        """Train ``n`` more chunks, then evaluate and redraw once."""
        with self._lock:
            self.trainer.step(n)
            self.redraw()

    def reset(self) -> None:
        """Stop playing; a fresh model with the current settings, no step taken."""
        self.pause()
        with self._lock:
            self.trainer = self._new_trainer()
            self.redraw(evaluate=False)

    def redraw(self, evaluate: bool = True, stop: threading.Event | None = None) -> None:
        """Evaluate the held-out text (unless ``evaluate`` is false), sample, draw.

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
            text = trainer.sample_text(self.stoi, self.itos)
            if stopped():
                return
            picture = figure_png(trainer.draw(new_figure(10.0, 4.6), text=text))
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
            self.redraw(stop=self._stop)
            if self._stop.is_set():
                break
            if self.trainer.steps >= MAX_STEPS or not math.isfinite(self.trainer.history["bpc"][-1]):
                break
            self._wait_next_frame()
        if not self._stop.is_set():
            self.play.value = False  # finished by itself: calls pause(), which does not join its own thread

