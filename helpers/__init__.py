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
from helpers.exercises import check_answer, check_function, show_solution

__all__ = [
    "check_answer",
    "check_function",
    "relu",
    "relu_derivative",
    "show_solution",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
]
