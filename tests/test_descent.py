"""The two-weight toy of notebook 04, its descent paths, and the sign-sharing measurement."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.data import make_spirals
from helpers.descent import (
    DIVERGED,
    descent_path,
    same_sign_fraction,
    steps_over_seeds,
    steps_to_target,
    toy_inputs,
    toy_loss,
    toy_target,
    zigzag_explorer,
)
from helpers.network import Network


def test_offset_half_gives_sigmoid_outputs_and_zero_gives_centred_inputs():
    positive = toy_inputs(5000, 0.5, seed=3)
    centred = toy_inputs(5000, 0.0, seed=3)
    assert positive.shape == (5000, 2)
    assert ((positive > 0) & (positive < 1)).all()
    assert abs(positive.mean() - 0.5) < 0.01 and abs(centred.mean()) < 0.01
    assert (centred < 0).any() and (centred > 0).any()
    np.testing.assert_allclose(positive - centred, 0.5)


def test_inputs_are_seeded():
    assert (toy_inputs(10, seed=1) == toy_inputs(10, seed=1)).all()
    assert not (toy_inputs(10, seed=1) == toy_inputs(10, seed=2)).all()


def test_target_direction_and_length():
    np.testing.assert_allclose(toy_target(-45.0), [1.0, -1.0])
    np.testing.assert_allclose(toy_target(0.0, length=3.0), [3.0, 0.0], atol=1e-15)
    assert math.isclose(float(np.hypot(*toy_target(123.0))), math.sqrt(2.0))


def test_loss_is_zero_only_at_the_target_and_matches_the_direct_mean():
    x, target = toy_inputs(100, seed=0), toy_target(30.0)
    w = np.array([0.3, -0.7])
    direct = 0.5 * np.mean((x @ w - x @ target) ** 2)
    assert math.isclose(float(toy_loss(x, target, *w)), direct, rel_tol=1e-12)
    assert abs(float(toy_loss(x, target, *target))) < 1e-15
    grid = toy_loss(x, target, *np.meshgrid([0.0, 1.0], [0.0, 1.0, 2.0]))
    assert grid.shape == (3, 2) and (grid > 0).all()


def test_per_example_steps_with_positive_inputs_move_both_weights_the_same_way():
    x, target = toy_inputs(offset=0.5, seed=0), toy_target(-45.0)
    path = descent_path(x, target, learning_rate=1.0, max_steps=50, seed=0)
    moves = np.diff(path, axis=0)
    assert len(moves) > 5
    assert (moves[:, 0] * moves[:, 1] >= 0).all()  # every step in quadrant I or III
    centred = descent_path(toy_inputs(offset=0.0, seed=0), target, learning_rate=1.0, seed=0)
    centred_moves = np.diff(centred, axis=0)
    assert (centred_moves[:, 0] * centred_moves[:, 1] < 0).any()  # free to move "up-down"


def test_full_batch_descent_follows_the_gradient():
    x, target = toy_inputs(20, seed=5), toy_target(10.0)
    path = descent_path(x, target, learning_rate=0.5, batch_size=20, max_steps=3, tol=1e-9)
    w = np.zeros(2)
    for _ in range(3):
        w = w - 0.5 * (x.T @ (x @ (w - target))) / 20
    np.testing.assert_allclose(path[-1], w, rtol=1e-12)


def test_path_stops_at_the_target_and_steps_are_counted():
    x, target = toy_inputs(offset=0.0, seed=0), toy_target(-45.0)
    path = descent_path(x, target, learning_rate=2.0, max_steps=500)
    steps = steps_to_target(path, target)
    assert steps == len(path) - 1
    assert np.hypot(*(path[-1] - target)) <= 0.1 < np.hypot(*(path[-2] - target))


def test_a_too_large_learning_rate_diverges_and_stops_without_warnings():
    x, target = toy_inputs(offset=1.0, seed=0), toy_target(-45.0)
    path = descent_path(x, target, learning_rate=5.0, max_steps=10_000)
    assert len(path) < 10_000 and np.hypot(*path[-1]) > DIVERGED
    assert np.isfinite(path).all()
    assert steps_to_target(path, target) is None


def test_all_positive_inputs_need_more_steps_than_centred_ones_per_example():
    """The zig-zag (notebook 04, acceptance a), at a learning rate that suits centred inputs."""
    positive = steps_over_seeds(0.5, -45.0, 2.0, seeds=range(20))
    centred = steps_over_seeds(0.0, -45.0, 2.0, seeds=range(20))
    assert np.median(positive) > 1.5 * np.median(centred)


def test_averaging_a_minibatch_removes_most_of_the_difference():
    positive = steps_over_seeds(0.5, -45.0, 2.0, batch_size=8, seeds=range(10))
    centred = steps_over_seeds(0.0, -45.0, 2.0, batch_size=8, seeds=range(10))
    assert abs(np.median(positive) - np.median(centred)) <= 1


def test_steps_over_seeds_reports_inf_for_a_path_that_never_arrives():
    steps = steps_over_seeds(1.0, -45.0, 5.0, seeds=[0, 1])
    assert steps.tolist() == [math.inf, math.inf]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: toy_inputs(0), ValueError, "toy_inputs.*n_examples"),
        (lambda: toy_inputs(10.0), TypeError, "toy_inputs.*n_examples"),
        (lambda: toy_inputs(10, offset=math.nan), ValueError, "toy_inputs.*offset"),
        (lambda: toy_inputs(10, spread=-1.0), ValueError, "toy_inputs.*spread"),
        (lambda: toy_target("45"), TypeError, "toy_target.*angle"),
        (lambda: toy_target(45.0, length=0.0), ValueError, "toy_target.*length"),
        (lambda: toy_loss(np.ones((3, 3)), [1, 1], 0, 0), ValueError, "toy_loss.*inputs"),
        (lambda: toy_loss(np.ones((3, 2)), [1], 0, 0), ValueError, "toy_loss.*target"),
        (
            lambda: descent_path(np.ones((3, 2)), [1, 1], learning_rate=0.0),
            ValueError,
            "descent_path.*learning_rate",
        ),
        (
            lambda: descent_path(np.ones((3, 2)), [1, 1], learning_rate=1.0, batch_size=4),
            ValueError,
            "descent_path.*batch_size",
        ),
        (
            lambda: descent_path("x", [1, 1], learning_rate=1.0),
            TypeError,
            "descent_path.*inputs",
        ),
        (
            lambda: descent_path(np.ones((3, 2)), [1, np.inf], learning_rate=1.0),
            ValueError,
            "descent_path.*target",
        ),
        (lambda: steps_to_target(np.ones(3), [1, 1]), ValueError, "steps_to_target.*path"),
        (lambda: steps_over_seeds(0.0, 0.0, 1.0, seeds=[]), ValueError, "steps_over_seeds"),
    ],
)
def test_bad_input_raises_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.fixture(scope="module")
def spirals():
    return make_spirals(60, seed=0)


def test_sigmoid_fed_units_share_one_sign_per_example_tanh_fed_ones_do_not(spirals):
    X, y = spirals
    sig = Network([2, 10, 10, 3], activation="sigmoid", seed=0)
    tan = Network([2, 10, 10, 3], activation="tanh", seed=0)
    assert same_sign_fraction(sig, X, y, layer=1) == 1.0
    assert same_sign_fraction(sig, X, y, layer=2) == 1.0
    assert same_sign_fraction(tan, X, y, layer=1) < 0.05
    # the first layer is fed by the (centred) data in both: two inputs agree about half the time
    assert 0.2 < same_sign_fraction(sig, X, y, layer=0) < 0.8


def test_same_sign_fraction_matches_a_direct_count(spirals):
    X, y = spirals
    net = Network([2, 6, 3], activation="tanh", seed=2)
    count = 0
    for i in range(0, 60, 3):
        grad = net.gradients(X[i : i + 3], y[i : i + 3])[0][0]
        count += sum(bool((row > 0).all() or (row < 0).all()) for row in grad)
    assert same_sign_fraction(net, X, y, layer=0, batch_size=3) == count / (20 * 6)


def test_averaging_over_a_batch_mixes_the_signs_of_a_sigmoid_fed_layer(spirals):
    X, y = spirals
    net = Network([2, 10, 10, 3], activation="sigmoid", seed=0)
    assert same_sign_fraction(net, X, y, layer=1, batch_size=20) < 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"layer": 3}, ValueError, "layer must be below 3"),
        ({"layer": -1}, ValueError, "layer"),
        ({"layer": 1, "batch_size": 100}, ValueError, "batch_size"),
        ({"layer": 1.0}, TypeError, "layer"),
    ],
)
def test_same_sign_fraction_rejects_bad_arguments(spirals, kwargs, error, match):
    X, y = spirals
    net = Network([2, 4, 4, 3], seed=0)
    with pytest.raises(error, match=f"same_sign_fraction.*{match}"):
        same_sign_fraction(net, X, y, **kwargs)


def test_same_sign_fraction_needs_a_network(spirals):
    with pytest.raises(TypeError, match=r"same_sign_fraction.*Network"):
        same_sign_fraction("net", *spirals, layer=0)


def test_explorer_redraws_the_path_and_the_readout():
    w = zigzag_explorer(seed=4)
    try:
        line = next(ln for ln in w.figure.axes[0].get_lines() if ln.get_label() == "these inputs")
        before = np.asarray(line.get_xydata()).copy()
        assert w.readout.value.startswith("η = 2.00; offset = 0.50; θ (°) = −45;")
        w.sliders["offset"].value = 0.0
        after = np.asarray(line.get_xydata())
        assert before.shape != after.shape or not np.allclose(before, after)
        assert "offset = 0.00" in w.readout.value
        text = w.readout.value
        # with offset 0 both paths are the same descent: same number of steps
        assert text.split("these inputs: ")[1].split(";")[0] == text.split("centred inputs: ")[1]
        assert "sigmoid-readout" in w.readout._dom_classes
    finally:
        plt.close(w.figure)


def test_explorer_update_is_a_plain_function():
    w = zigzag_explorer(seed=4)
    try:
        assert w.update(learning_rate=3.0, offset=1.0, angle=-45.0)[0] == "these inputs: diverged"
        result = w.update(learning_rate=0.25, offset=0.0, angle=45.0)
        assert result[0].startswith("these inputs: ") and result[0].endswith("steps")
    finally:
        plt.close(w.figure)


def test_explorer_contours_follow_the_offset_and_angle_like_a_fresh_contour_plot():
    w = zigzag_explorer(seed=4)
    try:
        ax = w.figure.axes[0]
        (contours,) = ax.collections
        first = [path.vertices.copy() for path in contours.get_paths()]
        w.sliders["learning_rate"].value = 1.0  # the loss does not depend on η
        assert all(
            np.array_equal(a, path.vertices)
            for a, path in zip(first, contours.get_paths(), strict=True)
        )
        w.sliders["offset"].value = 0.2
        w.sliders["angle"].value = 30.0
        assert ax.collections[:] == [contours]  # the same set, moved: nothing added
        # the paths are those a new contour plot of the new loss would draw
        fig, fresh_ax = plt.subplots()
        grid = np.linspace(-2.2, 2.2, 61)
        w1, w2 = np.meshgrid(grid, grid)
        loss = toy_loss(toy_inputs(offset=0.0, seed=4) + 0.2, toy_target(30.0), w1, w2)
        levels = np.unique(np.quantile(loss, [0.01, 0.04, 0.1, 0.2, 0.35, 0.55, 0.8]))
        fresh = fresh_ax.contour(w1, w2, loss, levels=levels)
        plt.close(fig)
        assert len(fresh.get_paths()) == len(contours.get_paths())
        for expected, path in zip(fresh.get_paths(), contours.get_paths(), strict=True):
            np.testing.assert_array_equal(path.vertices, expected.vertices)
    finally:
        plt.close(w.figure)
