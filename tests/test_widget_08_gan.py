"""Chapter 8 widget and reference GAN: the pieces are right, every control redraws, Play stops."""

from __future__ import annotations

import threading
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gradschool.data import make_ring  # noqa: E402
from gradschool.reference import gan  # noqa: E402
from gradschool.widgets.gan_lab import (  # noqa: E402
    GanLab,
    gan_1d_figure,
    gan_figure,
    gan_snapshot,
    generator_losses_figure,
    mode_collapse_figure,
)

# --------------------------------------------------------------------------- the reference GAN


def numerical_gradient(f, x, h=1e-6):
    """Central differences of a scalar function f at x (any shape)."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        plus = f(x)
        x[index] = original - h
        minus = f(x)
        x[index] = original
        grad[index] = (plus - minus) / (2 * h)
    return grad


def test_losses_match_torch_and_are_stable():
    torch = pytest.importorskip("torch")
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    rng = np.random.default_rng(0)
    real = np.concatenate([5 * rng.normal(size=6), [1000.0, -1000.0]])
    fake = np.concatenate([5 * rng.normal(size=3), [-1000.0, 1000.0]])
    r = torch.tensor(real, requires_grad=True)
    f = torch.tensor(fake, requires_grad=True)
    (bce(r, torch.ones_like(r)) + bce(f, torch.zeros_like(f))).backward()
    with np.errstate(all="raise", under="ignore"):
        loss, d_real, d_fake = gan.discriminator_loss(real, fake)
        g_loss, g_grad = gan.generator_loss(fake)
    want = (bce(r.detach(), torch.ones_like(r)) + bce(f.detach(), torch.zeros_like(f))).item()
    assert loss == pytest.approx(want, rel=1e-12)
    np.testing.assert_allclose(d_real, r.grad.numpy(), rtol=1e-10, atol=1e-16)
    np.testing.assert_allclose(d_fake, f.grad.numpy(), rtol=1e-10, atol=1e-16)
    f2 = torch.tensor(fake, requires_grad=True)
    bce(f2, torch.ones_like(f2)).backward()
    assert g_loss == pytest.approx(bce(f2.detach(), torch.ones_like(f2)).item(), rel=1e-12)
    np.testing.assert_allclose(g_grad, f2.grad.numpy(), rtol=1e-10, atol=1e-16)
    s_loss, s_grad = gan.saturating_generator_loss(np.array([-20.0, 0.0]))
    assert s_loss == pytest.approx(np.mean([np.log1p(-1 / (1 + np.exp(20.0))), np.log(0.5)]))
    np.testing.assert_allclose(s_grad, [-0.5 / (1 + np.exp(20.0)), -0.25])


def test_backward_passes_match_numerical_gradients():
    rng = np.random.default_rng(1)
    G = gan.init_generator(3, (5, 4), 2, seed=2)
    D = gan.init_discriminator(2, (6,), seed=3)
    z = rng.normal(size=(7, 3))
    weights = rng.normal(size=(7, 2))
    x, g_cache = gan.generator_forward(G, z)
    assert x.shape == (7, 2)
    grads = gan.generator_backward(weights, g_cache)
    W, b = G[1]

    def loss_of_W(W_new):
        return float(np.sum(gan.generator_forward([G[0], (W_new, b), G[2]], z)[0] * weights))

    np.testing.assert_allclose(grads[1][0], numerical_gradient(loss_of_W, W), rtol=1e-6, atol=1e-8)

    logits, d_cache = gan.discriminator_forward(D, x)
    assert logits.shape == (7,)
    upstream = rng.normal(size=7)
    d_grads, dx = gan.discriminator_backward(upstream, d_cache)
    assert [g[0].shape for g in d_grads] == [(2, 6), (6, 1)]
    numeric_dx = numerical_gradient(lambda xx: float(gan.discriminator_forward(D, xx)[0] @ upstream), x)
    np.testing.assert_allclose(dx, numeric_dx, rtol=1e-6, atol=1e-8)


def test_sample_generator_and_inputs_untouched():
    G = gan.init_generator(2, (8,), 2, seed=0)
    a = gan.sample_generator(G, 50, 4)
    b = gan.sample_generator(G, 50, np.random.default_rng(4))
    assert a.shape == (50, 2) and np.array_equal(a, b)
    data, _ = make_ring(100)
    before = data.copy()
    gan.train_gan(data, 3, batch_size=8)
    assert np.array_equal(data, before)


def test_reference_train_gan_and_trainer():
    data, _ = make_ring(300, seed=1)
    G, history = gan.train_gan(data, 5, seed=2, batch_size=16, hidden=(8,), d_steps=2)
    assert [np.shape(W) for W, _ in G] == [(2, 8), (8, 2)]
    assert len(history["d_loss"]) == len(history["g_loss"]) == 5
    assert all(isinstance(v, float) for v in history["d_loss"] + history["g_loss"])
    trainer = gan.GanTrainer(data, seed=2, batch_size=16, hidden=(8,), d_steps=2)
    trainer.step(5)
    for (W1, b1), (W2, b2) in zip(G, trainer.G):
        assert np.array_equal(W1, W2) and np.array_equal(b1, b2)
    assert trainer.decision(np.zeros((3, 2))).shape == (3,)
    # Student losses are used when given.
    calls = {"d": 0, "g": 0}

    def d_loss(r, f):
        calls["d"] += 1
        return gan.discriminator_loss(r, f)

    def g_loss(f):
        calls["g"] += 1
        return gan.generator_loss(f)

    gan.GanTrainer(data, d_steps=3, g_steps=2, discriminator_loss=d_loss, generator_loss=g_loss).step(4)
    assert calls == {"d": 12, "g": 8}


def test_bimodal_1d():
    x = gan.bimodal_1d(1000, seed=0)
    assert x.shape == (1000, 1)
    assert abs(np.mean(x < 0.25) - 0.5) < 0.01


# --------------------------------------------------------------------------- static pictures


def test_static_figures_are_figures():
    figure = gan_figure(steps=20, checkpoints=2)
    assert isinstance(figure, Figure) and len(figure.axes) >= 3
    assert "step 20" in figure.axes[0].get_title()
    assert isinstance(gan_1d_figure(checkpoints=(0, 5)), Figure)
    assert isinstance(generator_losses_figure(), Figure)
    assert isinstance(generator_losses_figure(generator_loss=gan.generator_loss), Figure)
    runs = {"a": {"steps": [0, 10], "modes": [0, 1], "samples": np.zeros((20, 2))},
            "b": {"steps": [0, 10], "modes": [0, 2], "samples": np.ones((20, 2))}}
    assert isinstance(mode_collapse_figure(runs), Figure)


def test_snapshot_contents():
    trainer = gan.GanTrainer(make_ring(200)[0], seed=0)
    trainer.step(3)
    snap = gan_snapshot(trainer)
    assert snap["step"] == 3 and len(snap["d_loss"]) == 3
    assert snap["belief"].min() >= 0 and snap["belief"].max() <= 1
    assert snap["fake"].shape[1] == 2 and snap["push"].shape[1] == 2
    assert 0 <= snap["modes"] <= 8


# --------------------------------------------------------------------------- the lab


def _png(lab: GanLab) -> bytes:
    return bytes(lab.image.value)


def test_every_control_redraws_and_updates_state():
    lab = GanLab(redraw_every=5)
    pictures = [_png(lab)]
    assert lab.steps == 0

    lab.lr_d.value = 1e-2
    assert lab.trainer.lr_d == pytest.approx(1e-2)
    pictures.append(_png(lab))

    lab.lr_g.value = 1e-4
    assert lab.trainer.lr_g == pytest.approx(1e-4)
    pictures.append(_png(lab))

    lab.d_steps.value = 3
    assert lab.trainer.d_steps == 3
    pictures.append(_png(lab))

    lab.step_button.click()
    assert lab.steps == 5 and len(lab.trainer.history["d_loss"]) == 5
    assert "step 5" in lab.status.value
    pictures.append(_png(lab))

    lab.reset_button.click()
    assert lab.steps == 0 and lab.trainer.history["d_loss"] == []
    assert lab.trainer.lr_d == pytest.approx(1e-2) and lab.trainer.d_steps == 3  # settings survive a reset
    pictures.append(_png(lab))

    lab.step(2)
    before = _png(lab)
    lab.seed.value = 7  # a new seed: a fresh game
    assert lab.steps == 0
    pictures.append(_png(lab))
    assert _png(lab) != before

    for a, b in zip(pictures, pictures[1:]):
        assert a != b, "a control did not change the picture"
    assert lab.redraw_count >= len(pictures)


def test_settings_change_the_training():
    a, b = GanLab(), GanLab()
    b.d_steps.value = 2
    a.step(3)
    b.step(3)
    # Same seed, same first discriminator update; k = 2 takes one more before the generator moves.
    assert not np.array_equal(a.trainer.G[0][0], b.trainer.G[0][0])


def test_student_losses_are_used():
    calls = {"d": 0, "g": 0}

    def d_loss(real, fake):
        calls["d"] += 1
        return gan.discriminator_loss(real, fake)

    def g_loss(fake):
        calls["g"] += 1
        return gan.generator_loss(fake)

    lab = GanLab(discriminator_loss=d_loss, generator_loss=g_loss)
    lab.step(4)
    assert calls == {"d": 4, "g": 4}
    lab.reset()
    lab.step(1)
    assert calls == {"d": 5, "g": 5}  # a fresh game keeps your losses


def test_display_carries_png():
    bundle = GanLab()._repr_mimebundle_()
    assert "image/png" in bundle and len(bundle["image/png"]) > 100


def _wait(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_play_redraws_every_n_steps():
    lab = GanLab(redraw_every=3, interval=0.0)
    draws = lab.redraw_count
    lab.play.value = True
    assert lab.play.description == "Pause"
    assert _wait(lambda: lab.redraw_count >= draws + 2), "Play did not redraw"
    lab.play.value = False
    lab._thread.join(10)
    assert not lab.playing and lab.play.description == "Play"
    assert lab.steps >= 6
    shown = int(lab.status.value.split(":")[0].split()[1])  # "step 6: D loss ..."
    assert shown % 3 == 0 and 6 <= shown <= lab.steps  # a picture every 3 steps


def test_play_then_pause_stops_within_300ms():
    # Redraws far apart: the thread is training, one step at a time, when Pause comes.
    lab = GanLab(redraw_every=100_000, interval=0.0)
    lab.play.value = True
    assert _wait(lambda: lab.steps >= 3), "Play did not train"
    start = time.monotonic()
    lab.play.value = False
    elapsed = time.monotonic() - start
    assert elapsed < 0.3, f"Pause took {elapsed:.3f} s"
    assert not lab.playing, "the training thread is still running after Pause"
    taken = lab.steps
    time.sleep(0.2)
    assert lab.steps == taken, "training went on after Pause"
    assert not any(t.name == "GanLab" and t.is_alive() for t in threading.enumerate())


def test_reset_stops_play():
    lab = GanLab(redraw_every=100_000, interval=0.0)
    lab.play.value = True
    assert _wait(lambda: lab.steps >= 1)
    lab.reset_button.click()
    assert not lab.play.value and lab.steps == 0 and not lab.playing


def test_play_for():
    lab = GanLab(redraw_every=2, interval=0.0)
    lab.play_for(0.5)
    assert not lab.play.value
    lab._thread.join(10)
    assert not lab.playing


# --------------------------------------------------------------------------- no leaks


def test_no_pyplot_figures_leak():
    plt.close("all")
    lab = GanLab(redraw_every=2)
    for k in range(4):
        lab.lr_d.value = 10 ** (-3 - 0.25 * k)
        lab.d_steps.value = 1 + k
    for _ in range(3):
        lab.step_button.click()
    lab.reset_button.click()
    gan_figure(steps=4, checkpoints=2)
    gan_1d_figure(checkpoints=(0, 2))
    generator_losses_figure()
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------- one kept figure, redrawn in place


from tests.pictures import drawn as _full_draw, pixels as _pixels  # noqa: E402  (a frame vs a full draw)


def _assert_same_picture(png: bytes, figure, what: str) -> None:
    differ = np.abs(_pixels(png) - _full_draw(figure)).max(axis=2) > 2
    assert not differ.any(), f"{what}: {differ.sum()} pixels differ from a full draw of the same figure"


def test_frames_over_the_cached_background_are_the_full_picture():
    lab = GanLab(redraw_every=7)
    for k in range(5):
        lab.step_button.click()
        _assert_same_picture(lab.image.value, lab._live.figure, f"after Step ({lab.steps} steps)")
        lab.lr_d.value = 10 ** (-2.5 - 0.1 * k)
        _assert_same_picture(lab.image.value, lab._live.figure, f"after a slider ({lab.steps} steps)")
    assert "step 35" in lab._parts["plane"].get_title()
    assert "lr_D=0.0013" in lab._parts["losses"].get_title()
    lab.reset()
    _assert_same_picture(lab.image.value, lab._live.figure, "after Reset")


def test_sliders_and_steps_redraw_only_what_moves():
    lab = GanLab(redraw_every=7)
    lab.step(12)  # the step axes now end at 15 (see _step_limit)
    draws, pictures = lab._live.full_draws, {bytes(lab.image.value)}
    for k in range(6):
        lab.lr_g.value = 10 ** (-3.5 + 0.1 * k)
        lab.d_steps.value = 1 + k % 3
        pictures.add(bytes(lab.image.value))
    lab.step(3)
    pictures.add(bytes(lab.image.value))
    assert lab._live.full_draws == draws, "a slider or a Step within the axes' limits redrew the background"
    assert len(pictures) == 8, "a change did not show"
    lab.step(1)  # 16 steps: the axes move to 20, drawn whole once
    assert lab._live.full_draws == draws + 1
    assert lab._parts["losses"].get_xlim() == (0, 20) and lab._parts["modes"].get_xlim() == (0, 20)


def test_step_axis_limits():
    from gradschool.widgets.gan_lab import _step_limit

    assert [_step_limit(n) for n in (0, 10, 11, 16, 81, 101, 1001, 19_999)] == [10, 10, 15, 20, 100, 150, 1500, 20_000]
    for n in range(1, 30_000, 7):
        assert n <= _step_limit(n) <= max(10, 1.5 * n)  # the curves fill at least 2/3 of the axis


def test_a_slider_reuses_the_snapshot_of_an_unchanged_game():
    lab = GanLab()
    lab.step(5)
    arrays = lab._last[2]["belief"]
    lab.lr_d.value = 1e-2
    assert lab._last[2]["belief"] is arrays and lab._last[2]["lr_d"] == pytest.approx(1e-2)
    lab.step(1)
    assert lab._last[2]["belief"] is not arrays and lab._last[2]["step"] == 6


def test_play_shows_the_full_picture_of_its_last_frame():
    lab = GanLab(redraw_every=5, interval=0.0)
    lab.play_for(0.6)
    lab._thread.join(10)
    assert lab.redraw_count > 2
    _assert_same_picture(lab.image.value, lab._live.figure, "after playing")
