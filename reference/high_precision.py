"""The high-precision oracle: scalar activations and losses in mpmath.

Where float64 itself is the problem (overflow, cancellation, tails), every
float64 oracle can be wrong together.  These forms are evaluated at
``DIGITS`` significant digits from the exact binary value of the float64
input, and derivatives come from mpmath's own high-precision differentiation,
so they settle disputes between the ported code, autodiff and finite
differences.  They are slow (about a millisecond a point): used on
counterexamples and to validate the JAX definitions, never on whole sweeps.
"""
import math

import mpmath
from mpmath import mp

DIGITS = 60


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _softplus(x):
    return mp.log1p(mp.exp(x)) if x < 0 else x + mp.log1p(mp.exp(-x))


SCALAR = {
    "step": lambda x: mp.mpf(1) if x > 0 else mp.mpf(0),
    "identity": lambda x: x,
    "bent-identity": lambda x: (mp.sqrt(x * x + 1) - 1) / 2 + x,
    "hard-shrink": lambda x, lambda_=0.5: x if abs(x) > lambda_ else mp.mpf(0),
    "soft-shrink": lambda x, lambda_=0.5: x - lambda_ if x > lambda_ else (x + lambda_ if x < -lambda_ else mp.mpf(0)),
    "threshold": lambda x, threshold=0.0, value=0.0: x if x > threshold else mp.mpf(value),
    "sigmoid": _sigmoid,
    "hard-sigmoid": lambda x: min(max(mp.mpf("0.2") * x + mp.mpf("0.5"), 0), 1),
    "log-sigmoid": lambda x: -_softplus(-x),
    "tanh": mp.tanh,
    "tanh-shrink": lambda x: x - mp.tanh(x),
    "hard-tanh": lambda x: min(max(x, -1), 1),
    "ReLU": lambda x: max(x, 0),
    "ReLU6": lambda x: min(max(x, 0), 6),
    "leaky-ReLU": lambda x, alpha=1e-2: x if x >= 0 else alpha * x,
    "ELU": lambda x, alpha=1.0: x if x >= 0 else alpha * mp.expm1(x),
    "SELU": lambda x: mp.mpf("1.0507009873554804934193349852946")
    * (x if x >= 0 else mp.mpf("1.6732632423543772848170429916717") * mp.expm1(x)),
    "CELU": lambda x, alpha=1.0: x if x >= 0 else alpha * mp.expm1(x / alpha),
    "softplus": _softplus,
    "softsign": lambda x: x / (1 + abs(x)),
    "Swish": lambda x, beta=1.0: x * _sigmoid(beta * x),
    "Mish": lambda x: x * mp.tanh(_softplus(x)),
    # Past x = 10, 1 - tanh(exp(x)) < 1e-19000: exactly 1 at any precision used here
    # (and evaluating it would build a number with ~e^x digits).
    "tanhExp": lambda x: x if x > 10 else x * mp.tanh(mp.exp(x)),
    "Square": lambda y, t: (y - t) ** 2 / 2,
    "SquareErrorFirstListing": lambda y, t: (y - t) ** 2 / 2,
    "Binary": lambda y, t: -t * mp.log(y) - (1 - t) * mp.log1p(-y),
    "Cross": lambda y, t: -t * mp.log(y),
}


def _to_float(value):
    value = float(value)
    return value if math.isfinite(value) else math.nan


def value(name, x, *extra, **params):
    """f(x) at high precision, rounded to float64 (nan where it has no float64 value)."""
    with mp.workdps(DIGITS):
        return _to_float(SCALAR[name](mp.mpf(float(x)), *[mp.mpf(float(e)) for e in extra], **params))


def derivative(name, x, *extra, order=1, **params):
    """d^order f / dx^order at high precision (differentiating the first argument)."""
    function = SCALAR[name]
    x = float(x)
    # A step relative to |x| keeps the stencil inside the smooth piece and the
    # domain the point lies in, however close to a kink or an edge; the extra
    # digits let f(x + h) - f(x - h) resolve such a step when |x| is tiny.
    tiny = max(0, -math.floor(math.log10(abs(x)))) if x != 0 else 0
    with mp.workdps(DIGITS + tiny):
        fixed = [mp.mpf(float(e)) for e in extra]
        point = mp.mpf(x)
        h = mp.mpf(10) ** (-DIGITS // 3) * (abs(point) if x != 0 else 1)
        return _to_float(mpmath.diff(lambda u: function(u, *fixed, **params), point, order, h=h))
