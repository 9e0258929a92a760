"""Chapter 7 widget and reference RNN: every control redraws the picture and leaves the right state."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gradschool.reference import rnn as ref  # noqa: E402
from gradschool.widgets.unrolled import MAX_LENGTH, UnrolledRNNExplorer, unrolled_figure, unrolled_state  # noqa: E402
from tests.pictures import pixels as _pixels  # noqa: E402


# --------------------------------------------------------------------------- the reference RNN


def _problem(N=3, T=5, D=2, H=4, seed=0):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), 0.6 * rng.normal(size=(D, H)),
            0.6 * rng.normal(size=(H, H)), 0.5 * rng.normal(size=H))


def test_reference_forward_and_backward_match_torch():
    torch = pytest.importorskip("torch")
    x, h0, Wx, Wh, b = _problem()
    dh = np.random.default_rng(1).normal(size=(3, 5, 4))
    h, cache = ref.rnn_forward(x, h0, Wx, Wh, b)
    grads = ref.rnn_backward(dh, cache)

    leaves = [torch.tensor(a, requires_grad=True) for a in (x, h0, Wx, Wh, b)]
    state, outs = leaves[1], []
    for t in range(x.shape[1]):
        state = torch.tanh(leaves[0][:, t] @ leaves[2] + state @ leaves[3] + leaves[4])
        outs.append(state)
    out = torch.stack(outs, dim=1)
    (out * torch.from_numpy(dh)).sum().backward()
    np.testing.assert_allclose(h, out.detach().numpy(), rtol=1e-10, atol=1e-12)
    for got, leaf in zip(grads, leaves):
        np.testing.assert_allclose(got, leaf.grad.numpy(), rtol=1e-8, atol=1e-12)


def test_reference_clip_gradients():
    grads = [np.array([3.0, 0.0]), np.array([[0.0], [4.0]])]
    same = ref.clip_gradients(grads, 5.0)
    assert same is not grads and all(np.array_equal(a, g) for a, g in zip(same, grads))
    clipped = ref.clip_gradients(grads, 1.0)
    np.testing.assert_allclose(clipped[0], [0.6, 0.0])
    np.testing.assert_allclose(ref.global_norm(clipped), 1.0)
    assert grads[0][0] == 3.0  # inputs untouched
    zeros = ref.clip_gradients([np.zeros(3)], 1.0)
    assert np.array_equal(zeros[0], np.zeros(3))


def test_pinned_step_forward_hides_a_broken_loop():
    """A forward loop that passes h0 at every step still gets the exact caches, so backward is right."""
    x, h0, Wx, Wh, b = _problem(seed=2)
    step = ref.pinned_step_forward(x, h0, Wx, Wh, b)
    broken_cache = [step(x[:, t], h0, Wx, Wh, b)[1] for t in range(x.shape[1])]
    _, right_cache = ref.rnn_forward(x, h0, Wx, Wh, b)
    dh = np.ones((3, 5, 4))
    for got, want in zip(ref.rnn_backward(dh, broken_cache), ref.rnn_backward(dh, right_cache)):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
    # Inputs that are not a step of x are computed as usual.
    other = np.full((3, 2), 0.25)
    np.testing.assert_allclose(step(other, h0, Wx, Wh, b)[0], ref.rnn_step_forward(other, h0, Wx, Wh, b)[0])


# --------------------------------------------------------------------------- static picture and state


def test_unrolled_figure_is_a_figure():
    figure = unrolled_figure(6, 1.0, 0)
    assert isinstance(figure, Figure)
    assert len(figure.axes) >= 3
    assert "T = 6" in figure.axes[0].get_title()


def test_unrolled_state_shapes_and_last_gradient():
    state = unrolled_state(9, 0.8, 3)
    assert state["h"].shape == (9, 16) and state["x"].shape == (9, 3)
    assert state["grad_norms"].shape == (9,)
    assert state["grad_norms"][-1] == pytest.approx(1.0)
    assert np.all(np.abs(state["h"]) < 1)
    assert state["singular_values"][0] >= state["spectral_radius"] - 1e-12


def test_small_weights_vanish_and_large_weights_explode():
    small = unrolled_state(30, 0.3, 0)["grad_norms"]
    large = unrolled_state(30, 3.0, 0)["grad_norms"]
    assert small[0] < 1e-6 * small[-1]
    assert large[0] > 1e2 * large[-1]


def test_gradient_bound_by_largest_singular_value():
    for scale in (0.4, 1.0, 2.0):
        state = unrolled_state(20, scale, 1)
        sigma = state["singular_values"][0]
        steps = np.arange(20)
        assert np.all(state["grad_norms"] <= sigma ** (19 - steps) * (1 + 1e-9))


def test_a_longer_sequence_extends_a_shorter_one():
    short, long = unrolled_state(5, 1.2, 4), unrolled_state(12, 1.2, 4)
    np.testing.assert_allclose(long["h"][:5], short["h"])


def test_student_functions_can_be_passed():
    calls = {"forward": 0, "backward": 0}

    def step_forward(*args):
        calls["forward"] += 1
        return ref.rnn_step_forward(*args)

    def step_backward(*args):
        calls["backward"] += 1
        return ref.rnn_step_backward(*args)

    mine = unrolled_state(7, 1.0, 0, step_forward=step_forward, step_backward=step_backward)
    assert calls == {"forward": 7, "backward": 7}
    np.testing.assert_allclose(mine["grad_norms"], unrolled_state(7, 1.0, 0)["grad_norms"])


def test_bad_length_is_rejected():
    with pytest.raises(ValueError):
        unrolled_state(0, 1.0, 0)
    with pytest.raises(ValueError):
        unrolled_state(MAX_LENGTH + 1, 1.0, 0)


# --------------------------------------------------------------------------- the explorer


def test_every_control_redraws_and_updates_state():
    explorer = UnrolledRNNExplorer(length=8, weight_scale=1.0, seed=0)
    assert explorer.state["length"] == 8
    pictures = [bytes(explorer.image.value)]

    explorer.controls["length"].value = 15
    assert explorer.state["length"] == 15 and explorer.state["grad_norms"].shape == (15,)
    pictures.append(bytes(explorer.image.value))

    explorer.controls["weight_scale"].value = 2.5
    assert explorer.state["weight_scale"] == pytest.approx(2.5)
    pictures.append(bytes(explorer.image.value))

    before = explorer.state["h"].copy()
    explorer.controls["seed"].value = 3
    assert not np.allclose(explorer.state["h"], before)
    pictures.append(bytes(explorer.image.value))

    assert all(p.startswith(b"\x89PNG") for p in pictures)
    assert len(set(pictures)) == len(pictures), "every control change must change the picture"
    assert explorer.redraw_count == 4


def test_explorer_carries_png_in_its_bundle():
    explorer = UnrolledRNNExplorer(length=4)
    bundle = explorer._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == bytes(explorer.image.value)


def test_no_pyplot_figures_leak():
    open_before = len(plt.get_fignums())
    explorer = UnrolledRNNExplorer(length=3)
    for value in (0.5, 1.5, 2.5, 0.7):
        explorer.controls["weight_scale"].value = value
    for _ in range(3):
        unrolled_figure(4, 1.0, 0)  # never drawn: building figures must not leak either
    assert len(plt.get_fignums()) == open_before


# --------------------------------------------------------------------------- one kept figure (LivePicture)


def _assert_same_picture(got: bytes, want: bytes, what: str) -> None:
    got, want = _pixels(got), _pixels(want)
    assert got.shape == want.shape, f"{what}: picture size {got.shape} != {want.shape}"
    differ = np.abs(got - want).max(axis=2) > 2
    assert differ.mean() < 1e-3, f"{what}: {differ.sum()} pixels differ from a full draw of the same state"


def test_slider_moves_redraw_only_what_moves_and_match_a_full_draw():
    """Weight scale and seed redraw over the kept background; each picture is unrolled_figure's."""
    from gradschool.widgets.base import figure_png

    explorer = UnrolledRNNExplorer(length=20, weight_scale=1.0, seed=0)
    live = explorer._live
    draws = live.full_draws
    for scale, seed in [(1.05, 0), (1.0, 0), (1.1, 0), (1.1, 1), (1.05, 2), (1.0, 0)]:
        explorer.controls["weight_scale"].value = scale
        explorer.controls["seed"].value = seed
        assert explorer._live is live, "a value slider built a new figure"
        _assert_same_picture(bytes(explorer.image.value), figure_png(unrolled_figure(20, scale, seed)),
                             f"weight scale {scale}, seed {seed}")
    assert live.full_draws == draws, "moving the weight scale or the seed redrew the whole figure"


def test_new_length_and_far_weights_still_match_a_full_draw():
    """A new length (the same figure, remade for it) and weights whose gradients span many decades
    (the tick labels, hence the layout, change) give the picture a fresh figure of that state gives."""
    from gradschool.widgets.base import figure_png

    explorer = UnrolledRNNExplorer(length=12, weight_scale=1.0, seed=0)
    figure = explorer._picture.figure
    for length, scale in [(30, 1.0), (30, 0.2), (30, 3.0), (5, 3.0), (5, 0.6), (14, 0.6), (15, 0.6), (40, 1.2)]:
        explorer.controls["length"].value = length
        explorer.controls["weight_scale"].value = scale
        _assert_same_picture(bytes(explorer.image.value), figure_png(unrolled_figure(length, scale, 0)),
                             f"length {length}, weight scale {scale}")
    assert explorer._picture.figure is figure, "a new length built a new figure"
    assert len(figure.axes[2].patches) == 40, "bars of an earlier length were left behind"
