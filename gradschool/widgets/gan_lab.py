"""Chapter 8 pictures: a GAN learning the 8-Gaussian ring, in the spirit of GAN Lab.

GAN Lab (Kahng et al., 2018) shows a GAN's game as it is played: where the real and the fake
samples are, what the discriminator believes about every point of the plane, which way the
generator is pushed, and how the two losses move. This module does the same with the chapter's
NumPy GAN (:mod:`gradschool.reference.gan`):

* :func:`gan_figure`: a static snapshot after training a fresh GAN for ``steps`` steps;
* :class:`GanLab`: the live widget: learning rates of both players and the number of
  discriminator steps per generator step, with Play/Pause (training runs in a background thread,
  so the notebook stays free), Step and Reset; :meth:`GanLab.step` for scripts and tests;
* :func:`gan_1d_figure`: the game on 1-D data, histograms of real and generated samples with the
  discriminator's belief, at several points of training;
* :func:`generator_losses_figure`: the saturating and the non-saturating generator losses, and
  their slopes, against the discriminator's logit;
* :func:`mode_collapse_figure`: modes covered across training for several runs, and where each
  run's samples ended.

Everything works before the student has written any code (the reference losses are the
default); pass your own ``discriminator_loss`` / ``generator_loss`` to train with them. No pyplot
figure is ever opened.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from gradschool.data import make_ring, modes_covered, ring_centers
from gradschool.reference import gan
from gradschool.widgets.base import BrowserRedraw, PlayLoop, new_figure
from gradschool.widgets.live import LivePicture

__all__ = [
    "EXTENT",
    "GanLab",
    "gan_figure",
    "gan_snapshot",
    "gan_1d_figure",
    "generator_losses_figure",
    "mode_collapse_figure",
]

EXTENT = 3.0  # the plane shown is [-EXTENT, EXTENT]^2
GRID = 48  # the discriminator's belief is evaluated on a GRID x GRID grid
SHOWN = 400  # real and generated samples drawn
ARROWS = 40  # generated samples that get an arrow (the direction the generator pushes them)
MODE_SAMPLES = 1000  # samples used to count modes covered
MAX_STEPS = 20_000  # Play stops by itself here
REAL_COLOR = "#1b9e4b"
FAKE_COLOR = "#7b3294"
DEFAULTS = dict(lr_d=2e-3, lr_g=1e-3, d_steps=1)


def _ring_data(seed: int = 0) -> np.ndarray:
    X, _ = make_ring(2000, seed=seed)
    return X


def _new_trainer(data: Any, seed: int, lr_d: float, lr_g: float, d_steps: int,
                 discriminator_loss: Callable | None, generator_loss: Callable | None) -> gan.GanTrainer:
    return gan.GanTrainer(data, seed=seed, lr_d=lr_d, lr_g=lr_g, d_steps=d_steps,
                          discriminator_loss=discriminator_loss, generator_loss=generator_loss)


# --------------------------------------------------------------------------- one picture of the game


def gan_snapshot(trainer: gan.GanTrainer, modes_history: Sequence[tuple[int, int]] = ()) -> dict:
    """Everything a picture of the GAN's state needs, as plain arrays (cheap: no drawing).

    Returns a dict: ``real (SHOWN, 2)``, ``fake (SHOWN, 2)`` (from a fixed noise batch, so frames
    move smoothly), ``push (ARROWS, 2)`` (minus the gradient of the generator loss at the first
    ``ARROWS`` fakes, scaled so that the longest is 0.6 long: where the generator is pushed), ``belief (GRID, GRID)`` (D's probability of
    "real" over the plane), ``d_loss`` and ``g_loss`` lists, ``modes`` (covered now),
    ``modes_history`` ((step, modes) pairs), ``step`` and the hyper-parameters.
    """
    real = trainer.data[np.random.default_rng(7).permutation(len(trainer.data))[:SHOWN]]
    fake, _ = gan.generator_forward(trainer.G, np.random.default_rng(11).standard_normal((SHOWN, trainer.latent_dim)))
    logits, cache = gan.discriminator_forward(trainer.D, fake[:ARROWS])
    _, d_fake = gan.generator_loss(logits)
    _, dx = gan.discriminator_backward(d_fake, cache)
    axis = np.linspace(-EXTENT, EXTENT, GRID)
    gx, gy = np.meshgrid(axis, axis)
    belief = trainer.decision(np.column_stack([gx.ravel(), gy.ravel()])).reshape(GRID, GRID)
    covered = modes_covered(gan.sample_generator(trainer.G, MODE_SAMPLES, 123))
    push = -dx
    longest = float(np.max(np.linalg.norm(push, axis=1))) if len(push) else 0.0
    push = push * (0.6 / longest) if longest > 0 else push  # directions matter; the longest arrow is 0.6 long
    return {
        "real": real, "fake": fake, "push": push, "belief": belief,
        "d_loss": list(trainer.history["d_loss"]), "g_loss": list(trainer.history["g_loss"]),
        "modes": covered, "modes_history": list(modes_history) or [(trainer.steps_taken, covered)],
        "step": trainer.steps_taken, "lr_d": trainer.lr_d, "lr_g": trainer.lr_g, "d_steps": trainer.d_steps,
    }


def _smooth(values: Sequence[float], width: int) -> np.ndarray:
    """The mean of the last ``width`` values at every position (fewer at the start), ``(n,)``.

    Cumulative sums: O(n) whatever the width (a convolution costs n * width, and the width grows
    with the run: 10 ms per frame near the end of a long game)."""
    values = np.asarray(values, dtype=float)
    if len(values) < 2 or width < 2:
        return values
    width = min(width, len(values))
    total = np.concatenate([[0.0], np.cumsum(values)])
    end = np.arange(1, len(values) + 1)
    start = np.maximum(0, end - width)
    return (total[end] - total[start]) / (end - start)


def _step_limit(steps: int) -> int:
    """The right end of an axis of ``steps`` training steps: the first of 10, 15, 20, 30, 40, 50,
    60, 80, 100, 150, ... at or above ``steps``. It stays put between those marks, so the axes and
    their tick labels are drawn once per mark, not on every frame; the curves fill 2/3 of it or more."""
    scale = 1
    while True:
        for mark in (10, 15, 20, 30, 40, 50, 60, 80):
            if mark * scale >= steps:
                return mark * scale
        scale *= 10


def _build(figure: Figure, snap: dict) -> dict:
    """Lay out the picture of ``snap`` on ``figure``: the static parts, and the artists that change
    from frame to frame, filled by :func:`_update`. Returns those artists by name, with ``moving``:
    the ones to redraw on every frame (the plane's contents, the curves, the titles that change),
    and ``plane``, ``losses``, ``modes``: the three axes."""
    plane, losses, modes = figure.subplots(1, 3, gridspec_kw={"width_ratios": [1.15, 1.0, 0.8]})
    image = plane.imshow(snap["belief"], origin="lower", extent=(-EXTENT, EXTENT, -EXTENT, EXTENT), cmap="PRGn",
                         vmin=0.0, vmax=1.0, alpha=0.55, interpolation="bilinear")
    real = plane.scatter(*snap["real"].T, s=5, c=REAL_COLOR, label="real", linewidths=0)
    none = np.zeros((ARROWS, 2))  # placeholders until _update: every frame has the same number of points
    fake = plane.scatter(*none.T, s=5, c=FAKE_COLOR, label="generated", linewidths=0)
    push = plane.quiver(*none.T, *none.T, color=FAKE_COLOR, angles="xy", scale_units="xy", scale=1.0,
                        width=0.005, alpha=0.9)
    for center in ring_centers():  # where a sample counts for a mode: within 3 std = 0.15 of its centre
        plane.add_patch(Circle(center, 0.15, fill=False, edgecolor="k", linewidth=0.6))
    plane.set_xlim(-EXTENT, EXTENT)
    plane.set_ylim(-EXTENT, EXTENT)
    plane.set_aspect("equal")
    plane.set_xticks([])
    plane.set_yticks([])
    plane.set_title(" ", fontsize=10)
    plane.legend(loc="lower left", fontsize=7, markerscale=2, framealpha=0.7)
    bar = figure.colorbar(image, ax=plane, fraction=0.046, pad=0.02)
    bar.set_label("D(x): probability real", fontsize=8)
    bar.ax.tick_params(labelsize=7)

    # Raw losses faint, their running means on top; empty until the first step.
    curves = [losses.plot([], [], color=color, alpha=0.2, linewidth=0.6)[0] for color in ("tab:blue", "tab:orange")]
    curves += [losses.plot([], [], color="tab:blue", label="discriminator")[0],
               losses.plot([], [], color="tab:orange", label="generator")[0]]
    equilibria = [losses.axhline(2 * np.log(2), color="tab:blue", linestyle=":", linewidth=1,
                                 label="D at equilibrium (2 log 2)"),
                  losses.axhline(np.log(2), color="tab:orange", linestyle=":", linewidth=1,
                                 label="G at equilibrium (log 2)")]
    losses.set_ylim(0, 3.0)
    losses.set_xlabel("step")
    losses.set_title(" ", fontsize=10)
    losses.legend(fontsize=7, loc="upper right")

    covered = modes.plot([], [], "o-", color=FAKE_COLOR, markersize=3)[0]
    modes.set_ylim(-0.3, 8.3)
    modes.set_yticks(range(0, 9, 2))
    modes.set_xlabel("step")
    modes.set_title("modes covered", fontsize=10)
    modes.grid(alpha=0.3)
    parts = {"plane": plane, "losses": losses, "modes": modes, "belief": image, "real": real, "fake": fake,
             "push": push, "curves": curves, "covered": covered}
    # The belief changes every frame and everything in the plane lies over it (in this order),
    # so all of it is redrawn. The loss and mode axes keep their ticks until _step_limit moves;
    # what lies over their curves is redrawn with them (the equilibrium lines, the frames: the
    # first mode count sits on the left one), all but the loss legend (a curve may cross it).
    parts["moving"] = [image, real, fake, push, *plane.patches, *plane.spines.values(), plane.title,
                       plane.get_legend(), *curves, *equilibria, *losses.spines.values(), losses.title,
                       covered, *modes.spines.values()]
    _update(parts, snap)
    return parts


def _update(parts: dict, snap: dict) -> None:
    """Show ``snap`` (see :func:`gan_snapshot`) on the artists :func:`_build` made."""
    parts["belief"].set_data(snap["belief"])
    parts["real"].set_offsets(snap["real"])
    fake = np.clip(snap["fake"], -EXTENT, EXTENT)
    parts["fake"].set_offsets(fake)
    parts["push"].set_offsets(fake[:ARROWS])
    parts["push"].set_UVC(snap["push"][:, 0], snap["push"][:, 1])
    parts["plane"].title.set_text(f"step {snap['step']}: {snap['modes']} of 8 modes covered")

    d_loss, g_loss = snap["d_loss"], snap["g_loss"]
    steps = np.arange(1, len(d_loss) + 1)
    width = max(1, len(d_loss) // 30)
    raw_d, raw_g, smooth_d, smooth_g = parts["curves"]
    raw_d.set_data(steps, d_loss)
    raw_g.set_data(steps, g_loss)
    smooth_d.set_data(steps, _smooth(d_loss, width))
    smooth_g.set_data(steps, _smooth(g_loss, width))
    parts["losses"].set_xlim(0, _step_limit(len(d_loss)))
    parts["losses"].title.set_text(f"losses (lr_D={snap['lr_d']:.2g}, lr_G={snap['lr_g']:.2g}, k={snap['d_steps']})")

    history = np.asarray(snap["modes_history"], dtype=float).reshape(-1, 2)
    parts["covered"].set_data(history[:, 0], history[:, 1])
    parts["modes"].set_xlim(0, _step_limit(history[:, 0].max()))


def _draw(figure: Figure, snap: dict) -> Figure:
    _build(figure, snap)
    return figure


def gan_figure(
    steps: int = 1000,
    lr_d: float = DEFAULTS["lr_d"],
    lr_g: float = DEFAULTS["lr_g"],
    d_steps: int = DEFAULTS["d_steps"],
    seed: int = 0,
    data: Any = None,
    discriminator_loss: Callable | None = None,
    generator_loss: Callable | None = None,
    checkpoints: int = 10,
) -> Figure:
    """A GAN trained for ``steps`` steps on ``data`` (default: the 8-Gaussian ring), drawn once.

    Left: real (green) and generated (purple) samples over the discriminator's belief, arrows
    showing where the generator is pushed. Middle: both losses. Right: modes of the ring covered,
    counted at ``checkpoints`` points of training.
    """
    trainer = _new_trainer(_ring_data(seed) if data is None else data, seed, lr_d, lr_g, d_steps,
                           discriminator_loss, generator_loss)
    steps = int(steps)
    history = [(0, modes_covered(trainer.sample(MODE_SAMPLES, 123)))]
    marks = sorted({int(round(steps * (k + 1) / max(1, checkpoints))) for k in range(max(1, checkpoints))} - {0})
    for mark in marks:
        trainer.step(mark - trainer.steps_taken)
        history.append((trainer.steps_taken, modes_covered(trainer.sample(MODE_SAMPLES, 123))))
    return _draw(new_figure(11.0, 3.6), gan_snapshot(trainer, history))


# --------------------------------------------------------------------------- the live lab


class GanLab(BrowserRedraw, PlayLoop, widgets.VBox):
    """Watch a GAN learn the 8-Gaussian ring.

    The learning rates and the number ``k`` of discriminator steps per generator step apply from
    the next step on (the game goes on, as in GAN Lab); the seed starts a fresh game. ``Play``
    trains in a background thread (the notebook stays free; ``Pause`` stops it within a fraction
    of a second) and redraws every ``redraw_every`` steps; ``Step`` takes ``redraw_every`` steps;
    ``Reset`` starts a fresh game. Scripts and tests call :meth:`step`, :meth:`reset`,
    :meth:`play_for` and :meth:`pause`. Pause stops the training thread within one training
    step (or once the redraw in progress is done) and keeps the last picture drawn.

    ``discriminator_loss`` and ``generator_loss`` (optional) are yours from the chapter.

    The picture is one figure kept for the widget's life (:class:`~gradschool.widgets.live.LivePicture`):
    a frame redraws the plane, the curves and the titles over a cached background (axes, ticks,
    colour bar), a third of the cost of a new figure; a slider that only changes a setting reuses
    the last snapshot of the game (a fifth). 50 steps (about 40 ms of one core) and a frame (about
    35 ms) make some 13 frames a second.
    """

    _held = ("_live", "_parts", "_last", "trainer")  # figure, artists, last snapshot, game: let go when retired (gradschool.widgets.rerun)

    def __init__(
        self,
        lr_d: float = DEFAULTS["lr_d"],
        lr_g: float = DEFAULTS["lr_g"],
        d_steps: int = DEFAULTS["d_steps"],
        seed: int = 0,
        redraw_every: int = 50,
        interval: float = 0.05,
        discriminator_loss: Callable | None = None,
        generator_loss: Callable | None = None,
    ):
        self.redraw_every = max(1, int(redraw_every))
        self.interval = float(interval)
        self._losses = {"discriminator_loss": discriminator_loss, "generator_loss": generator_loss}
        style = {"description_width": "initial"}
        self.lr_d = widgets.FloatLogSlider(value=lr_d, base=10, min=-4, max=-1, step=0.1, description="D learning rate",
                                           readout_format=".1e", style=style, continuous_update=False)
        self.lr_g = widgets.FloatLogSlider(value=lr_g, base=10, min=-4, max=-1, step=0.1, description="G learning rate",
                                           readout_format=".1e", style=style, continuous_update=False)
        self.d_steps = widgets.IntSlider(value=d_steps, min=1, max=10, description="D steps per G step", style=style,
                                         continuous_update=False)
        self.seed = widgets.BoundedIntText(value=seed, min=0, max=10_000, description="seed",
                                           layout=widgets.Layout(width="150px"))
        self.play = widgets.ToggleButton(value=False, description="Play", icon="play", tooltip="Play / Pause")
        self.step_button = widgets.Button(description=f"Step {self.redraw_every}", icon="step-forward",
                                          tooltip=f"train {self.redraw_every} steps")
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="a fresh game")
        self.status = widgets.Label()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.controls = {"lr_d": self.lr_d, "lr_g": self.lr_g, "d_steps": self.d_steps, "seed": self.seed}
        self.redraw_count = 0
        self._snapshots = self._shown = 0  # snapshots taken, and the newest one on show
        self._lock = threading.RLock()  # the game: training steps, settings, snapshots
        self._draw_lock = threading.RLock()  # the picture: one frame drawn at a time
        self._live: LivePicture | None = None  # made by the first redraw
        self._parts: dict = {}  # its changing artists (see _build)
        self._limits: tuple | None = None  # the step axes' limits in the cached background
        self._last: tuple | None = None  # (trainer, step, snapshot): the newest snapshot, for reuse
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.trainer = self._fresh_trainer()
        self.modes_history: list[tuple[int, int]] = []
        for name in ("lr_d", "lr_g", "d_steps"):
            self.controls[name].observe(self._on_setting_change, names="value")
        self.seed.observe(lambda _change: self.reset(), names="value")
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step(self.redraw_every))
        self.reset_button.on_click(lambda _button: self.reset())
        row = widgets.Layout(flex_flow="row wrap")
        super().__init__([
            widgets.HBox([self.lr_d, self.lr_g, self.d_steps, self.seed], layout=row),
            widgets.HBox([self.play, self.step_button, self.reset_button, self.status], layout=row),
            self.image,
        ])
        self.redraw()

    # ---- state
    def _fresh_trainer(self) -> gan.GanTrainer:
        return _new_trainer(_ring_data(), int(self.seed.value), self.lr_d.value, self.lr_g.value,
                            self.d_steps.value, **self._losses)

    @property
    def steps(self) -> int:
        """Training steps taken since the last reset."""
        return self.trainer.steps_taken

    def _on_setting_change(self, change: dict) -> None:
        with self._lock:
            self.trainer.lr_d, self.trainer.lr_g = float(self.lr_d.value), float(self.lr_g.value)
            self.trainer.d_steps = int(self.d_steps.value)
        self._refresh_for(change)

    def step(self, n: int = 1) -> None:
        """Train ``n`` more steps, then redraw once."""
        with self._lock:
            self.trainer.step(int(n))
        self.redraw()

    def reset(self) -> None:
        """Stop playing; a fresh game with the current settings, no step taken."""
        self.pause()
        with self._lock:
            self.trainer = self._fresh_trainer()
            self.modes_history = []
        self.redraw()

    def _snapshot(self) -> dict:
        """:func:`gan_snapshot` of the game now (call with ``_lock`` held). A slider moved with no step
        taken since the last picture changes only the settings in a title: the last snapshot's arrays
        are reused (computing them is most of a frame: the belief grid, the modes count)."""
        trainer = self.trainer
        if self._last is not None and self._last[0] is trainer and self._last[1] == trainer.steps_taken:
            snap = dict(self._last[2], lr_d=trainer.lr_d, lr_g=trainer.lr_g, d_steps=trainer.d_steps)
        else:
            history = [h for h in self.modes_history if h[0] < trainer.steps_taken]
            snap = gan_snapshot(trainer, history)
            self.modes_history = history + [(snap["step"], snap["modes"])]
            snap["modes_history"] = list(self.modes_history)
        self._last = (trainer, trainer.steps_taken, snap)
        return snap

    def redraw(self) -> None:
        with self._lock:  # the arrays are taken under the game's lock; drawing them needs only the picture's
            snap = self._snapshot()
            self._snapshots += 1
            ticket = self._snapshots
        with self._draw_lock:
            if ticket < self._shown:
                return  # two redraws overlapped (the play loop's and a slider's): keep the newer picture
            self._shown = ticket
            self.image.value = self._frame(snap)
            self.redraw_count += 1
            self.status.value = self._status(snap)

    def _frame(self, snap: dict) -> bytes:
        """The PNG of ``snap`` drawn on the kept figure (call with ``_draw_lock`` held)."""
        if self._live is None:
            figure = new_figure(11.0, 3.6, dpi=72)
            self._parts = _build(figure, snap)
            # Constrained layout moves the axes by a hair on its second run: run it now, so that the
            # background and any later savefig of this figure agree to the pixel.
            figure.draw_without_rendering()
            self._live = LivePicture(figure)
            self._live.moving(*self._parts["moving"])
        else:
            _update(self._parts, snap)
        # The step axes' limits are in the background (with their ticks): when _step_limit moves
        # them, everything is drawn again, and constrained layout makes room for longer tick labels.
        limits = (self._parts["losses"].get_xlim(), self._parts["modes"].get_xlim())
        if limits != self._limits:
            self._limits = limits
            self._live.invalidate()
        return self._live.png()

    @staticmethod
    def _status(snap: dict) -> str:
        if not snap["d_loss"]:
            return "step 0: press Play or Step"
        return (f"step {snap['step']}: D loss {snap['d_loss'][-1]:.3f}, G loss {snap['g_loss'][-1]:.3f}, "
                f"{snap['modes']} of 8 modes covered")

    # ---- play / pause
    def _run(self) -> None:
        while not self._stop.is_set():
            taken = 0
            while taken < self.redraw_every and not self._stop.is_set():
                with self._lock:  # one step at a time: Pause and the sliders never wait long
                    self.trainer.step(1)
                taken += 1
            if self._stop.is_set():
                break
            self.redraw()
            if self.trainer.steps_taken >= MAX_STEPS:
                break
            self._wait_next_frame()
        if not self._stop.is_set():
            self.play.value = False  # finished by itself: calls pause(), which does not join its own thread

# --------------------------------------------------------------------------- the chapter's other pictures


def gan_1d_figure(
    checkpoints: Sequence[int] = (0, 200, 600, 1500),
    seed: int = 0,
    discriminator_loss: Callable | None = None,
    generator_loss: Callable | None = None,
) -> Figure:
    """The game on 1-D data: histograms of real (green) and generated (purple) samples, with the
    discriminator's probability of "real" (black line), at each of ``checkpoints`` (steps)."""
    data = gan.bimodal_1d(2000, seed=seed)
    trainer = gan.GanTrainer(data, seed=seed, latent_dim=1, lr_d=2e-3, lr_g=1e-3,
                             discriminator_loss=discriminator_loss, generator_loss=generator_loss)
    checkpoints = sorted(int(c) for c in checkpoints)
    figure = new_figure(2.7 * len(checkpoints) + 0.5, 2.9)
    axes = np.atleast_1d(figure.subplots(1, len(checkpoints), sharey=True))
    bins = np.linspace(-4.0, 4.0, 61)
    line = np.linspace(-4.0, 4.0, 200)[:, None]
    for ax, mark in zip(axes, checkpoints):
        trainer.step(mark - trainer.steps_taken)
        fake = gan.sample_generator(trainer.G, 2000, 5)[:, 0]
        ax.hist(data[:, 0], bins=bins, density=True, color=REAL_COLOR, alpha=0.45, label="real")
        ax.hist(np.clip(fake, -4, 4), bins=bins, density=True, color=FAKE_COLOR, alpha=0.45, label="generated")
        ax.plot(line[:, 0], trainer.decision(line), color="k", linewidth=1.2, label="D(x)")
        ax.axhline(0.5, color="k", linestyle=":", linewidth=0.8)
        ax.set_ylim(0, 1.3)
        ax.set_title(f"step {mark}", fontsize=10)
        ax.set_xlabel("x")
    axes[0].set_ylabel("density / D(x)")
    axes[0].legend(fontsize=7, loc="upper left")
    return figure


def generator_losses_figure(generator_loss: Callable | None = None) -> Figure:
    """Both generator losses and their slopes against the discriminator's logit on a fake.

    Left: ``log(1 - sigmoid(l))`` (saturating, minimised by the original minimax game) and
    ``-log sigmoid(l)`` (non-saturating). Right: their derivatives with respect to ``l``. Pass
    your ``generator_loss`` to overlay its values and gradients (dots) on the non-saturating curves.
    """
    logits = np.linspace(-8.0, 8.0, 401)
    sigmoid = np.exp(gan.log_sigmoid(logits))
    # Per sample (N = 1): the losses and their derivatives with respect to the logit.
    curves = {
        "saturating  log(1 - σ(l))": (gan.log_sigmoid(-logits), -sigmoid, "tab:red"),
        "non-saturating  -log σ(l)": (-gan.log_sigmoid(logits), sigmoid - 1.0, "tab:green"),
    }
    figure = new_figure(9.5, 3.4)
    loss_ax, grad_ax = figure.subplots(1, 2)
    for label, (values, grads, color) in curves.items():
        loss_ax.plot(logits, values, color=color, label=label)
        grad_ax.plot(logits, grads, color=color, label=label)
    if generator_loss is not None:
        dots = np.linspace(-8.0, 8.0, 17)
        results = [generator_loss(np.array([v])) for v in dots]
        loss_ax.plot(dots, [float(r[0]) for r in results], "o", color="k", markersize=3, label="your generator_loss")
        grad_ax.plot(dots, [float(np.ravel(r[1])[0]) for r in results], "o", color="k", markersize=3,
                     label="your gradient")
    for ax in (loss_ax, grad_ax):
        ax.axvspan(-8, -3, color="0.9", zorder=0)
        ax.axvline(0, color="0.6", linewidth=0.8)
        ax.set_xlabel("l = D's logit on a fake (very negative: D is sure it is fake)")
        ax.grid(alpha=0.3)
    loss_ax.text(-7.8, -3.5, "early training:\nD wins easily", fontsize=8)
    loss_ax.set_ylim(-8.5, 8.5)
    loss_ax.set_title("generator loss (to be minimised)", fontsize=10)
    grad_ax.set_title("its slope d loss / d l", fontsize=10)
    grad_ax.set_ylim(-1.15, 0.15)
    loss_ax.legend(fontsize=7, loc="upper right")
    grad_ax.legend(fontsize=7, loc="center right")
    return figure


def mode_collapse_figure(runs: Mapping[str, dict]) -> Figure:
    """Modes covered across training, and where each run's samples ended.

    runs: ``{label: {"steps": [...], "modes": [...], "samples": (m, 2) array}}``.
    """
    figure = new_figure(3.2 * (len(runs) + 1.2), 3.3)
    axes = figure.subplots(1, len(runs) + 1, gridspec_kw={"width_ratios": [1.4] + [1.0] * len(runs)})
    curve_ax = axes[0]
    colors = ["tab:green", "tab:red", "tab:blue", "tab:orange"]
    for (label, run), ax, color in zip(runs.items(), axes[1:], colors):
        curve_ax.plot(run["steps"], run["modes"], "o-", color=color, markersize=3, label=label)
        samples = np.clip(np.asarray(run["samples"], dtype=float), -EXTENT, EXTENT)
        for center in ring_centers():
            ax.add_patch(Circle(center, 0.15, fill=False, edgecolor="k", linewidth=0.6))
        ax.scatter(*samples.T, s=3, color=color, alpha=0.5, linewidths=0)
        ax.set_xlim(-EXTENT, EXTENT)
        ax.set_ylim(-EXTENT, EXTENT)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"{label}: {modes_covered(np.asarray(run['samples'], dtype=float))} of 8", fontsize=9)
    curve_ax.set_ylim(-0.3, 8.3)
    curve_ax.set_xlabel("step")
    curve_ax.set_ylabel("modes covered")
    curve_ax.grid(alpha=0.3)
    curve_ax.legend(fontsize=7)
    return figure
