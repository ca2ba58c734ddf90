"""The printable summary: its four code pieces are right, and it prints to at most two A4 pages."""

from __future__ import annotations

import os
import re

import numpy as np
import pytest
from scipy.special import expit, log_expit

from tools import summary_pdf

PIECES = (
    "stable_sigmoid",
    "stable_sigmoid_derivative",
    "one_hidden_layer_gradients",
    "bce_from_logit",
)


@pytest.fixture(scope="module")
def pieces():
    """The functions defined by the summary's Python code blocks."""
    text = summary_pdf.SOURCE.read_text(encoding="utf-8")
    namespace = {"np": np}
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        exec(block, namespace)
    return namespace


def test_the_summary_defines_the_four_pieces(pieces):
    assert all(callable(pieces.get(name)) for name in PIECES)


@pytest.mark.parametrize(
    ("exercise_id", "name"),
    [
        ("01-stable-sigmoid", "stable_sigmoid"),
        ("02-stable-derivative", "stable_sigmoid_derivative"),
        ("03-one-hidden-layer", "one_hidden_layer_gradients"),
        ("07-bce-from-logit", "bce_from_logit"),
    ],
)
def test_each_piece_passes_its_exercise_checker(pieces, exercise_id, name):
    from helpers.exercises import grade_function

    passed, message = grade_function(exercise_id, pieces[name])
    assert passed, message


def test_the_stable_sigmoid_and_its_derivative_are_right_without_a_warning(pieces):
    z = np.concatenate([np.linspace(-1000.0, 1000.0, 20_001), [-745.0, -36.0, 0.0, 36.0]])
    # exp(log σ) keeps the subnormal tail that expit flushes to 0
    exact_sigmoid = np.exp(log_expit(z))
    assert np.allclose(pieces["stable_sigmoid"](z), exact_sigmoid, rtol=1e-13, atol=1e-300)
    exact = np.exp(log_expit(z) + log_expit(-z))
    derivative = pieces["stable_sigmoid_derivative"](z)
    assert np.allclose(derivative, exact, rtol=1e-12, atol=1e-300)


def test_bce_from_logit_is_right_without_a_warning(pieces):
    z = np.linspace(-1000.0, 1000.0, 4001)
    for y in (0.0, 0.3, 1.0):
        loss, grad = pieces["bce_from_logit"](z, y)
        exact = -(y * log_expit(z) + (1 - y) * log_expit(-z))
        assert np.allclose(loss, exact, rtol=1e-12, atol=1e-300)
        assert np.allclose(grad, expit(z) - y, rtol=1e-12, atol=1e-15)


def test_one_hidden_layer_gradients_match_central_differences(pieces):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 4, 6)
    params = [
        rng.normal(size=(3, 5)),
        rng.normal(size=5),
        rng.normal(size=(5, 4)),
        rng.normal(size=4),
    ]

    def cost(W1, b1, W2, b2):
        h = expit(X @ W1 + b1)
        z = h @ W2 + b2
        log_p = z - z.max(axis=1, keepdims=True)
        log_p -= np.log(np.exp(log_p).sum(axis=1, keepdims=True))
        return -log_p[np.arange(len(y)), y].mean()

    gradients = pieces["one_hidden_layer_gradients"](*params, X, y)
    for k, (param, gradient) in enumerate(zip(params, gradients, strict=True)):
        assert gradient.shape == param.shape
        numeric = np.zeros_like(param)
        for index in np.ndindex(param.shape):
            shifted = [p.copy() for p in params]
            shifted[k][index] += 1e-6
            up = cost(*shifted)
            shifted[k][index] -= 2e-6
            numeric[index] = (up - cost(*shifted)) / 2e-6
        assert np.allclose(gradient, numeric, rtol=1e-5, atol=1e-8)


def test_count_pages_counts_page_objects_only():
    pdf = b"<</Type /Pages /Count 2>> <</Type /Page /Parent 1 0 R>> <</Type/Page>> /StructElem"
    assert summary_pdf.count_pages(pdf) == 2


_NO_BROWSER = not summary_pdf.CHROMIUM.exists() or not summary_pdf.MATHJAX.exists()
if _NO_BROWSER and os.environ.get("SIGMOID_REQUIRE_BROWSER") == "1":
    raise RuntimeError("the summary's PDF needs /usr/bin/chromium and MathJax (make test sets up)")


@pytest.mark.skipif(_NO_BROWSER, reason="Chromium is not installed: apt-get install chromium")
def test_the_summary_prints_to_at_most_two_a4_pages_with_the_four_pieces(tmp_path):
    pdf = summary_pdf.build(tmp_path / "summary.pdf").read_bytes()
    assert 1 <= summary_pdf.count_pages(pdf) <= 2
    assert re.search(rb"/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]", pdf), "not A4"
    text = summary_pdf.pdf_text(pdf)
    for name in PIECES:
        assert name in text, f"{name} is not in the PDF's text"
    assert "σ" in text or "sigmoid" in text
