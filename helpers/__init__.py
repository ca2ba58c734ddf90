"""Helpers for the sigmoid notebooks: activation functions, plots, widgets and experiments.

Each notebook does ``from helpers import ...``; each function's docstring says which
notebook introduced it.
"""

from helpers.activations import (
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

__all__ = [
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
]
