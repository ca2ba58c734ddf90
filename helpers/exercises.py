"""Self-checked exercises: a student computes an answer, ``check_answer`` says right or wrong.

Introduced in ``notebooks/01_sigmoid.ipynb``. Each notebook's exercises are registered in
``EXERCISES`` under an id that starts with the notebook's number (``"01-..."``). A wrong
answer gets a hint, never the answer. After trying, a student can reveal the worked
solution with ``show_solution``; its ``solution_code`` is run by the tests and must pass
the checker.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "CODE_EXERCISES",
    "EXERCISES",
    "OPEN_QUESTIONS",
    "Exercise",
    "OpenQuestion",
    "CodeExercise",
    "check_answer",
    "check_function",
    "grade",
    "grade_function",
    "show_solution",
]


class Exercise(NamedTuple):
    """One exercise: the expected value(s), how close is close enough, and a hint."""

    question: str
    expected: float | tuple[float, ...]
    hint: str
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    any_order: bool = False  # for a tuple answer: accept the values in any order
    remark: str = ""  # said after "Right!": what the answer means, or where it leads
    solution: str = ""  # the worked solution, in words, shown by show_solution
    solution_code: str = ""  # Python that computes the answer into `answer` (tests run it)


EXERCISES: dict[str, Exercise] = {
    "00-sigma-at-zero": Exercise(
        question="What is σ(0)?",
        expected=0.5,
        hint="Put z = 0 into 1 / (1 + e^(−z)): what is e^0?",
        remark="The sigmoid is exactly halfway between its limits 0 and 1 at z = 0.",
        solution="e^0 = 1, so σ(0) = 1 / (1 + 1) = 1/2.",
        solution_code="answer = 1 / (1 + np.exp(-0.0))",
    ),
    "01-sigma-equals-0.9": Exercise(
        question="For which z is σ(z) = 0.9?",
        expected=2.1972245773362196,  # ln 9
        hint=(
            "Write 1 / (1 + e^(−z)) = 0.9, solve for e^(−z) first, then take the natural "
            "logarithm (np.log)."
        ),
        rel_tol=1e-4,
        remark=(
            "z = ln 9: the inverse of the sigmoid is the logit, z = ln(p / (1 − p)), the "
            "'log-odds' of logistic regression."
        ),
        solution=(
            "1 + e^(−z) = 1/0.9 = 10/9, so e^(−z) = 1/9 and z = ln 9. In general "
            "σ(z) = p for z = ln(p / (1 − p))."
        ),
        solution_code="p = 0.9\nanswer = np.log(p / (1 - p))",
    ),
    "01-symmetry": Exercise(
        question="σ(3) = 0.952574... Without computing any exponential, what is σ(−3)?",
        expected=0.04742587317756678,  # 1 − σ(3)
        hint="Use the symmetry of the S curve about (0, ½): how is σ(−z) related to σ(z)?",
        rel_tol=1e-4,
        remark="σ(−z) = 1 − σ(z): the two tails of the S are the same shape, turned round.",
        solution="σ(−z) = 1 − σ(z), so σ(−3) = 1 − σ(3) = 1 − 0.952574.",
        solution_code="answer = 1 - 0.9525741268224334",
    ),
    "01-midpoint": Exercise(
        question="Where does σ(kz + b) cross ½ when k = 2 and b = 3?",
        expected=-1.5,
        hint="σ(u) = ½ only at u = 0. For which z is kz + b = 0?",
        remark="At z = −b/k: b shifts the S sideways, k makes it steeper (slope k/4 there).",
        solution="σ(u) = ½ exactly when u = 0, and 2z + 3 = 0 at z = −3/2.",
        solution_code="k, b = 2.0, 3.0\nanswer = -b / k",
    ),
    "02-second-derivative-at-1": Exercise(
        question="Compute σ''(1), the second derivative of the sigmoid at z = 1.",
        expected=-0.09085774767294842,  # σ'(1)(1 − 2σ(1))
        hint=(
            "Differentiate σ' = σ − σ² with the chain rule, using σ' again for the derivative "
            "of σ; then evaluate with helpers.sigmoid and helpers.sigmoid_derivative."
        ),
        rel_tol=1e-4,
        remark=(
            "σ'' = σ'(1 − 2σ) is negative for z > 0: the slope of σ falls there, so σ is "
            "concave right of 0 and convex left of it."
        ),
        solution=(
            "σ' = σ − σ², so σ'' = σ' − 2σσ' = σ'(1 − 2σ). At z = 1: σ ≈ 0.7311 and "
            "σ' ≈ 0.1966, so σ''(1) ≈ 0.1966 × (1 − 1.4621)."
        ),
        solution_code=(
            "s, ds = sigmoid(1.0), sigmoid_derivative(1.0)\nanswer = float(ds * (1 - 2 * s))"
        ),
    ),
    "02-steepest-bend": Exercise(
        question="At which two z is |σ''(z)| largest? Give both, as a list.",
        expected=(-1.3169578969248166, 1.3169578969248166),  # ±ln(2 + √3)
        hint=(
            "Set the third derivative to 0. With s = σ it is σ'(1 − 6s + 6s²): solve the "
            "quadratic for s, then invert σ with z = ln(s / (1 − s))."
        ),
        rel_tol=1e-4,
        any_order=True,
        remark=(
            "z = ±ln(2 + √3), where σ = ½ ± √3/6: the curve of σ bends fastest there, and "
            "|σ''| reaches √3/18 there."
        ),
        solution=(
            "σ'(1 − 6s + 6s²) = 0 gives s = ½ ± √3/6; then z = ln(s / (1 − s)) "
            "= ±ln((3 + √3)/(3 − √3)) = ±ln(2 + √3)."
        ),
        solution_code=(
            "s = np.array([0.5 - math.sqrt(3) / 6, 0.5 + math.sqrt(3) / 6])\n"
            "answer = list(np.log(s / (1 - s)))"
        ),
    ),
    "02-derivative-at-ln3": Exercise(
        question="Compute σ'(ln 3) by hand, as a fraction (give it as a decimal).",
        expected=0.1875,  # σ(ln 3) = 3/4, so σ' = 3/4 · 1/4 = 3/16
        hint="First find σ(ln 3): e^(−ln 3) = 1/3. Then use σ' = σ(1 − σ).",
        remark="σ(ln 3) = 3/4, so σ'(ln 3) = 3/4 × 1/4 = 3/16: no exponential needed.",
        solution="e^(−ln 3) = 1/3, so σ(ln 3) = 1/(1 + 1/3) = 3/4 and σ' = 3/4 × 1/4 = 3/16.",
        solution_code="s = 1 / (1 + 1 / 3)\nanswer = s * (1 - s)",
    ),
    "03-saturation-0.001": Exercise(
        question="Beyond which |z| is σ'(z) smaller than 0.001?",
        expected=6.905752272297944,  # 2·artanh(√(1 − 4c)) with c = 0.001
        hint=(
            "Solve σ(1 − σ) = c for σ (a quadratic), then invert σ; notebook 03 does it for "
            "c = 0.01. math.atanh may help."
        ),
        rel_tol=1e-4,
        remark=(
            "Only |z| < 6.9 passes back even a thousandth of the gradient: the live band of "
            "the sigmoid is narrow."
        ),
        solution=(
            "σ(1 − σ) = c gives σ = (1 ± √(1 − 4c))/2, and z = ln(σ/(1 − σ)) = "
            "±2·artanh(√(1 − 4c)). For c = 0.001 that is ±6.9058."
        ),
        solution_code="c = 0.001\nanswer = 2 * math.atanh(math.sqrt(1 - 4 * c))",
    ),
    "03-chain-bound": Exercise(
        question=(
            "A gradient goes back through 5 sigmoid layers, each multiplying it by w·σ'(z) with "
            "|w| ≤ 1. By at most what factor can it be multiplied in all?"
        ),
        expected=0.0009765625,  # (1/4)^5
        hint="What is the largest value of σ'(z), and of |w|? Multiply the five bounds.",
        remark=(
            "(1/4)^5 ≈ 0.001: five layers can pass back at most a thousandth of the gradient, "
            "and usually much less, since σ'(z) < 1/4 away from z = 0."
        ),
        solution="|w·σ'(z)| ≤ 1 × 1/4 for each layer, so the product is at most (1/4)^5 = 1/1024.",
        solution_code="answer = (1 / 4) ** 5",
    ),
    "03-explode-width": Exercise(
        question=(
            "With w = 8, how wide is the interval of activations a for which "
            "|w·σ'(wa + b)| ≥ 1 (whatever b is)?"
        ),
        expected=0.4406867935097715,  # (2/|w|)·ln(|w|(1 + √(1 − 4/|w|))/2 − 1)
        hint=(
            "|w·σ'(z)| ≥ 1 means σ'(z) ≥ 1/|w|: find the z interval as in section 1 with "
            "c = 1/|w|, then remember that z = wa + b stretches a by the factor |w|."
        ),
        rel_tol=1e-4,
        remark=(
            "Less than half of the range (0, 1) of a, and no w does much better (notebook 03 "
            "finds the widest window): an exploding gradient needs finely tuned w and b."
        ),
        solution=(
            "σ'(z) ≥ 1/|w| for |z| ≤ z_c = 2·artanh(√(1 − 4/|w|)); as a = (z − b)/w, the "
            "interval of a is 2·z_c/|w| wide, which equals Nielsen's "
            "(2/|w|)·ln(|w|(1 + √(1 − 4/|w|))/2 − 1). For w = 8: 0.4407."
        ),
        solution_code="w = 8.0\nanswer = 2 * (2 * math.atanh(math.sqrt(1 - 4 / w))) / w",
    ),
    "06-float32-derivative-zero": Exercise(
        question="At which z does the textbook s * (1 − s) first return exactly 0 in float32?",
        expected=16.635532,  # 24·ln 2: 1 + e^(−z) rounds to 1 once e^(−z) <= 2^−24
        hint=(
            "Repeat the float64 search of notebook 06 with z as float32. The float just "
            "above 1 is 1 + 2^−23 in float32: when does 1 + e^(−z) round to 1?"
        ),
        rel_tol=1e-3,
        remark=(
            "That is 24·ln 2: beyond it s rounds to 1 and 1 − s is 0, although σ'(z) is still "
            "about 6e−8. A float32 network loses these gradients to rounding, not to saturation."
        ),
        solution=(
            "In float32, 1 + e^(−z) rounds to 1 as soon as e^(−z) <= 2^−24 (half the gap "
            "above 1), that is for z >= 24·ln 2 ≈ 16.6355; then s = 1 and s * (1 − s) = 0."
        ),
        solution_code=(
            "z = np.linspace(16, 17.5, 150001).astype(np.float32)\n"
            "s = 1 / (1 + np.exp(-z))\n"
            "answer = float(z[np.argmax(s * (1 - s) == 0)])  # first z where it is 0"
        ),
    ),
    "06-float16-sigmoid-one": Exercise(
        question="What is the smallest float16 z for which helpers.sigmoid returns exactly 1.0?",
        expected=8.3203125,  # the first float16 above 12·ln 2
        hint=(
            "float16 has 11 significant bits, so the float just below 1 is 1 − 2^−11. σ(z) "
            "rounds to 1 once 1 − σ(z) ≈ e^(−z) is below half that gap. Or search: "
            "z = np.arange(0, 12, 1/1024).astype(np.float16)."
        ),
        rel_tol=2e-3,
        remark=(
            "σ(z) is exactly 1 in float16 from about z = 12·ln 2 ≈ 8.32 on: in half precision the "
            "sigmoid reaches its limit at an input a network produces easily."
        ),
        solution=(
            "1 − σ(z) ≈ e^(−z) must be below 2^−12 (half the gap 2^−11 below 1): z > 12·ln 2 ≈ "
            "8.318. The first float16 above that is 8.3203125 (float16 steps are 2^−7 there)."
        ),
        solution_code=(
            "z = np.arange(0, 12, 1 / 1024).astype(np.float16)\n"
            "answer = float(z[np.argmax(sigmoid(z) == 1)])  # first z where σ(z) is 1.0"
        ),
    ),
    "06-log-sigmoid": Exercise(
        question="Compute log σ(−800) in float64, without a warning and without −inf.",
        expected=-800.0,
        hint=(
            "np.log(sigmoid(z)) fails because σ(z) itself underflows to 0 there. "
            "Use log σ(z) = −log(1 + e^(−z)) = −np.logaddexp(0, −z)."
        ),
        rel_tol=1e-9,
        remark=(
            "log σ(z) ≈ z for very negative z: a loss built on the stable form stays finite and "
            "keeps its gradient where the naive np.log(σ) gives −inf."
        ),
        solution=(
            "log σ(z) = −log(1 + e^(−z)) = −logaddexp(0, −z); numpy's logaddexp never forms "
            "e^800. For z = −800 that is −(800 + log(1 + e^(−800))), which rounds to −800."
        ),
        solution_code=(
            "from helpers.numerics import log_sigmoid\nanswer = float(log_sigmoid(-800.0))"
        ),
    ),
    "04-mean-of-sigmoid-outputs": Exercise(
        question=(
            "The pre-activations of a sigmoid layer are z ~ N(0, 9) (standard deviation 3). "
            "What is the mean of the layer's outputs σ(z)?"
        ),
        expected=0.5,
        hint=(
            "Pair each z with −z, which is just as likely, and use σ(−z) = 1 − σ(z). "
            "Does the variance matter?"
        ),
        remark=(
            "½ whatever the variance: for any distribution of z symmetric about 0, the "
            "outputs of a sigmoid average ½, those of tanh average 0."
        ),
        solution=(
            "z and −z are equally likely and σ(z) + σ(−z) = 1, so the outputs average "
            "(σ(z) + σ(−z))/2 = ½. The variance only changes how spread out they are."
        ),
        solution_code=(
            "z = 3.0 * np.random.default_rng(0).standard_normal(1_000_000)\n"
            "answer = float(np.mean(sigmoid(np.concatenate([z, -z]))))"
        ),
    ),
    "04-gradient-row": Exercise(
        question=(
            "A unit receives the sigmoid outputs x = (0.2, 0.7, 0.9) and, on this example, "
            "δ = ∂L/∂z = −0.5. Give the gradient (∂L/∂w₁, ∂L/∂w₂, ∂L/∂w₃) as a list."
        ),
        expected=(-0.1, -0.35, -0.45),
        hint="z = w₁x₁ + w₂x₂ + w₃x₃ + b, so ∂L/∂wᵢ = δ · ∂z/∂wᵢ. What is ∂z/∂wᵢ?",
        rel_tol=1e-6,
        remark=(
            "All three have the sign of δ: gradient descent (w ← w − η∂L/∂w) raises all "
            "three weights on this example. It cannot raise one and lower another."
        ),
        solution="∂z/∂wᵢ = xᵢ, so ∂L/∂wᵢ = δ·xᵢ = −0.5 × (0.2, 0.7, 0.9).",
        solution_code="answer = [-0.5 * x for x in (0.2, 0.7, 0.9)]",
    ),
    "04-same-sign-chance": Exercise(
        question=(
            "A unit has 4 inputs that are centred: each is positive or negative with "
            "probability ½, independently. On one example, what is the probability that "
            "its 4 weight gradients δ·xᵢ all have the same sign?"
        ),
        expected=0.125,
        hint=(
            "δ multiplies them all, so only the signs of the xᵢ matter. Out of the 2⁴ sign "
            "patterns of the inputs, how many are all alike?"
        ),
        remark=(
            "2 × (½)⁴ = 1/8, and 2 × (½)ⁿ for n inputs: about 2e-9 for n = 30. With "
            "sigmoid inputs it is 1, always."
        ),
        solution=(
            "All four weight gradients share a sign exactly when the four inputs do: "
            "all positive (probability 1/16) or all negative (1/16), 1/8 in all."
        ),
        solution_code="answer = 2 * 0.5**4",
    ),
    "05-tanh-from-sigmoid": Exercise(
        question="Using only the sigmoid (no tanh), compute tanh(0.5).",
        expected=0.46211715726000974,
        hint=(
            "Use the identity of section 1: double the input of σ, then stretch and shift its "
            "output from (0, 1) to (−1, 1)."
        ),
        remark="tanh(x) = 2σ(2x) − 1: tanh is a sigmoid, squeezed and recentred.",
        solution="tanh(0.5) = 2σ(2 × 0.5) − 1 = 2σ(1) − 1 = 2 × 0.7311 − 1 = 0.4621.",
        solution_code="answer = 2 * sigmoid(2 * 0.5) - 1",
    ),
    "05-tanh-derivative-at-1": Exercise(
        question="Compute tanh'(1) from the sigmoid's derivative alone.",
        expected=0.41997434161402614,
        hint="Differentiate tanh(x) = 2σ(2x) − 1 with the chain rule, then put x = 1.",
        remark=(
            "tanh'(x) = 4σ'(2x): the same bell as σ', twice as narrow and four times as tall. "
            "1 − tanh(1)² gives the same number."
        ),
        solution=(
            "d/dx [2σ(2x) − 1] = 2 · σ'(2x) · 2 = 4σ'(2x), so tanh'(1) = 4σ'(2) = "
            "4 × 0.10499 = 0.41997."
        ),
        solution_code="answer = 4 * sigmoid_derivative(2.0)",
    ),
    "05-tanh-live-band": Exercise(
        question="Beyond which |x| is tanh'(x) smaller than 0.1?",
        expected=1.8184464592320668,  # artanh(√0.9)
        hint=(
            "Solve 1 − tanh(x)² = 0.1 for tanh(x) first, then invert tanh (math.atanh), or "
            "use saturation_point from helpers.experiments."
        ),
        rel_tol=1e-6,
        remark=(
            "The sigmoid's derivative is below 0.1 beyond |x| = 2.063, but it never exceeds "
            "1/4, while tanh' is above 0.1 over a band only a little narrower."
        ),
        solution="1 − t² = 0.1 gives t = tanh(x) = √0.9, so |x| = artanh(√0.9) ≈ 1.8184.",
        solution_code="answer = math.atanh(math.sqrt(0.9))",
    ),
    "05-expected-ratio": Exercise(
        question=(
            "For a pre-activation z ~ N(0, 4) (standard deviation 2), how many times larger "
            "is E[tanh'(z)] than E[σ'(z)]?"
        ),
        expected=2.4086871257461655,
        hint=(
            "expected_derivative from helpers.experiments takes the variance, not the "
            "standard deviation; compute both expectations and divide."
        ),
        rel_tol=1e-4,
        remark=(
            "Between the 4 of z near 0 and the 2 of a very wide z: tanh keeps a clear edge, "
            "but both expectations shrink as the variance grows."
        ),
        solution=(
            "E[tanh'(z)] ≈ 0.3647 and E[σ'(z)] ≈ 0.1514 for v = 4; their ratio is about 2.41."
        ),
        solution_code=(
            "from helpers.experiments import expected_derivative\n"
            "answer = expected_derivative(tanh_derivative, 4.0) / "
            "expected_derivative(sigmoid_derivative, 4.0)"
        ),
    ),
}


def _as_floats(answer: Any, exercise_id: str) -> tuple[float, ...]:
    values = answer if isinstance(answer, (Sequence, np.ndarray)) else (answer,)
    if isinstance(answer, (str, bytes)):
        values = (answer,)
    floats = []
    for value in values:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
            raise TypeError(
                f"check_answer({exercise_id!r}, ...) expects a number or a list of numbers, "
                f"got {type(value).__name__}"
            )
        if isinstance(value, np.complexfloating):
            raise TypeError(f"check_answer({exercise_id!r}, ...) expects real numbers, got complex")
        floats.append(float(value))
    return tuple(floats)


def grade(exercise_id: str, answer: Any) -> tuple[bool, str]:
    """Grade an answer: return (correct, message). ``check_answer`` prints the message.

    Parameters
    ----------
    exercise_id : str
        A key of ``EXERCISES``, e.g. ``"00-sigma-at-zero"``.
    answer : number or sequence of numbers
        The student's answer.

    Raises
    ------
    KeyError
        For an unknown exercise id (the message lists the known ones).
    TypeError
        If the answer is not made of real numbers.

    Examples
    --------
    >>> from helpers.exercises import grade
    >>> grade("00-sigma-at-zero", 0.5)
    (True, 'Right! The sigmoid is exactly halfway between its limits 0 and 1 at z = 0.')
    >>> grade("00-sigma-at-zero", 1.0)[0]
    False
    """
    if exercise_id not in EXERCISES:
        known = ", ".join(sorted(EXERCISES))
        raise KeyError(f"check_answer(): no exercise {exercise_id!r}; known exercises: {known}")
    exercise = EXERCISES[exercise_id]
    expected = exercise.expected if isinstance(exercise.expected, tuple) else (exercise.expected,)
    given = _as_floats(answer, exercise_id)
    if len(given) != len(expected):
        return False, (
            f"Not yet: this answer has {len(expected)} number(s), you gave {len(given)}. "
            f"Hint: {exercise.hint}"
        )
    if exercise.any_order:
        given, expected = tuple(sorted(given)), tuple(sorted(expected))
    correct = all(
        math.isclose(g, e, rel_tol=exercise.rel_tol, abs_tol=exercise.abs_tol)
        for g, e in zip(given, expected, strict=True)
    )
    if correct:
        return True, f"Right! {exercise.remark}".rstrip()
    return False, f"Not yet. Hint: {exercise.hint}"


def check_answer(exercise_id: str, answer: Any) -> None:
    """Print whether ``answer`` is right for the exercise, with a hint when it is not.

    Examples
    --------
    >>> from helpers import check_answer
    >>> check_answer("00-sigma-at-zero", 1 / (1 + 1))
    Right! The sigmoid is exactly halfway between its limits 0 and 1 at z = 0.
    >>> check_answer("00-sigma-at-zero", 0)
    Not yet. Hint: Put z = 0 into 1 / (1 + e^(−z)): what is e^0?
    """
    print(grade(exercise_id, answer)[1])


class CodeExercise(NamedTuple):
    """An exercise where the student writes a function and the checker runs it.

    ``check(function)`` calls the student's function on inputs the student does not see and
    returns ``None`` when every check passes, or one sentence saying what went wrong (never
    the expected value).
    """

    question: str
    function_name: str  # the name the student's function should have
    check: Callable[[Callable[..., Any]], str | None]
    hint: str
    remark: str = ""
    solution: str = ""
    solution_code: str = ""  # Python that defines `function_name` (tests run it)


# Code-writing exercises, by id ("NN-..." like EXERCISES); each notebook adds its own.
CODE_EXERCISES: dict[str, CodeExercise] = {}


def grade_function(exercise_id: str, function: Any) -> tuple[bool, str]:
    """Run the checker of a code-writing exercise on ``function``: return (passed, message).

    An exception raised by the student's function is reported as a failed check, with its
    type and message, so the student sees what broke.
    """
    if exercise_id not in CODE_EXERCISES:
        known = ", ".join(sorted(CODE_EXERCISES))
        raise KeyError(f"check_function(): no exercise {exercise_id!r}; known exercises: {known}")
    exercise = CODE_EXERCISES[exercise_id]
    if not callable(function):
        raise TypeError(
            f"check_function({exercise_id!r}, ...) expects a function, "
            f"got {type(function).__name__}"
        )
    try:
        problem = exercise.check(function)
    except Exception as exc:  # the student's code failed: say how, do not crash the checker
        problem = f"calling {exercise.function_name} raised {type(exc).__name__}: {exc}"
    if problem is None:
        return True, f"Right! {exercise.remark}".rstrip()
    return False, f"Not yet: {problem} Hint: {exercise.hint}"


def check_function(exercise_id: str, function: Any) -> None:
    """Print whether the student's ``function`` passes the exercise's checks, with a hint."""
    print(grade_function(exercise_id, function)[1])


class OpenQuestion(NamedTuple):
    """An exercise to explore and discuss, with no checker: only a worked answer."""

    question: str
    solution: str


# Exercises marked "(no checker)" in the notebooks. The numbers in the solutions come from
# the notebooks' own seeded code, so a student who does the exercise gets the same ones.
OPEN_QUESTIONS: dict[str, OpenQuestion] = {
    "03-open-standard-init": OpenQuestion(
        question=(
            'Change the experiment of section 3 to init="standard". Does each hidden layer '
            "still learn more slowly than the next? By how much?"
        ),
        solution=(
            "Yes: each hidden layer still learns more slowly than the next, in every one of the "
            "10 seeds, and the gap is much larger than with Nielsen's initialisation: the last "
            "hidden layer is about 7, 50 and 340 times faster than the first for 2, 3 and 4 "
            "hidden layers (against 5.2, 26 and 125). The standard initialisation has smaller "
            "weights (|w| <= 1/sqrt(n_in)) and zero biases, so each layer multiplies the "
            "gradient by a smaller factor |w·σ'(z)|."
        ),
    ),
    "04-open-45-degrees": OpenQuestion(
        question=(
            "With offset 0.5, why can all-positive inputs reach a target at θ = 45° in a couple "
            "of steps, but not one at θ = −45°?"
        ),
        solution=(
            "With all-positive inputs, every per-example gradient of the two weights has one "
            "sign, so each step moves both weights up or both down: along (1, 1) or (−1, −1). "
            "A target at 45° lies along (1, 1), so the path goes straight there. A target at "
            "−45° needs one weight up and the other down, which no single step can do: the path "
            "zig-zags across the narrow valley of the contours, which are steep along (1, 1) "
            "and flat along (1, −1)."
        ),
    ),
    "05-open-nielsen-init": OpenQuestion(
        question=(
            'Add "nielsen" to INITS in section 4 and run the race again. Does the sigmoid\'s '
            "speed falloff change? Does tanh keep its lead?"
        ),
        solution=(
            "The sigmoid's speed falloff at initialisation becomes 26.5, between the standard "
            "initialisation's 51.5 and the normalized one's 16.1. tanh keeps its lead: mean test "
            "accuracy 0.865 against 0.655 for the sigmoid, whose seeds spread widely "
            "(0.467 to 0.808)."
        ),
    ),
    "06-open-tanh-derivative-ulp": OpenQuestion(
        question=(
            "Measure the error in ULPs of helpers.tanh_derivative and of 1 - np.tanh(z)**2. "
            "Where does the textbook form become exactly 0 in float64?"
        ),
        solution=(
            "helpers.tanh_derivative stays within a few ULP: it is 4σ'(2z), and multiplying by "
            "4 is exact. The textbook 1 - np.tanh(z)**2 cancels like s*(1-s): np.tanh(z) rounds "
            "to 1.0 once 1 - tanh(z) ≈ 2e^(−2z) falls below about 2^−54 (half the spacing of "
            "the floats just below 1), that is from z ≈ 18.99 on, where the true tanh'(19) is "
            "still about 1.3e−16. From there the textbook form returns exactly 0."
        ),
    ),
}


def show_solution(exercise_id: str) -> None:
    """Print the worked solution of an exercise: try it first!

    Examples
    --------
    >>> from helpers.exercises import show_solution
    >>> show_solution("00-sigma-at-zero")
    What is σ(0)?
    <BLANKLINE>
    e^0 = 1, so σ(0) = 1 / (1 + 1) = 1/2.
    <BLANKLINE>
    In code:
        answer = 1 / (1 + np.exp(-0.0))
    """
    if exercise_id in OPEN_QUESTIONS:
        question, solution = OPEN_QUESTIONS[exercise_id]
        print(f"{question}\n\n{solution}")
        return
    if exercise_id in CODE_EXERCISES:
        exercise = CODE_EXERCISES[exercise_id]
        code = "\n".join("    " + line for line in exercise.solution_code.splitlines())
        print(f"{exercise.question}\n\n{exercise.solution}\n\nIn code:\n{code}")
        return
    if exercise_id not in EXERCISES:
        known = ", ".join(sorted([*EXERCISES, *CODE_EXERCISES, *OPEN_QUESTIONS]))
        raise KeyError(f"show_solution(): no exercise {exercise_id!r}; known exercises: {known}")
    exercise = EXERCISES[exercise_id]
    code = "\n".join("    " + line for line in exercise.solution_code.splitlines())
    print(f"{exercise.question}\n\n{exercise.solution}\n\nIn code:\n{code}")
