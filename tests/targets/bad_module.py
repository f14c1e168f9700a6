"""A deliberately bad target: code under audit that misbehaves in every way
the audit must survive.  Each misbehaviour must become a finding, and the
audit must go on to the end (tests/test_report.py).

It follows the adapter contract (``get_act`` and classes named as in the
catalogue) for a handful of activations; every other catalogue component, and
``get_err``, is simply missing, which the audit reports as ``api``.
"""
import numpy as np


class ReLU:
    """A constructor that raises."""

    def __init__(self):
        raise RuntimeError("this constructor is broken on purpose")


class sigmoid:
    """A backward that returns None (a forgotten ``return``)."""

    def forward(self, x):
        return 0.5 * (1.0 + np.tanh(0.5 * x))

    def backward(self, x, y):
        y * (1 - y)  # noqa: B018 -- the missing return is the point


class act_tanh:
    """A forward that returns a list: its own backward then fails on it."""

    def forward(self, x):
        return np.tanh(x).tolist()

    def backward(self, x, y):
        return 1 - y ** 2


class softsign:
    """A backward of the wrong shape (one element too many)."""

    def forward(self, x):
        return x / (1 + np.abs(x))

    def backward(self, x, y):
        return np.append(1 / (1 + np.abs(x)) ** 2, 0.0)


class ELU:
    """A backward of the wrong dtype (integer), right where it is 0 or 1."""

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def forward(self, x):
        return np.where(x > 0, x, self.alpha * np.expm1(np.minimum(x, 0)))

    def backward(self, x, y):
        return np.where(x > 0, 1, self.alpha * np.exp(np.minimum(x, 0))).astype(np.int64)


class softplus:
    """An infinite value: log(1 + exp(x)) overflows past x ~ 709."""

    def forward(self, x):
        return np.log(1 + np.exp(x))

    def backward(self, x, y):
        return 0.5 * (1.0 + np.tanh(0.5 * x))


class hardSigmoid:
    """A wrong value: slope 0.25 instead of 0.2 (and a derivative to match)."""

    def forward(self, x):
        return np.clip(0.25 * x + 0.5, 0.0, 1.0)

    def backward(self, x, y):
        return np.where(np.abs(x) < 2.0, 0.25, 0.0)


_ACTIVATIONS = {"ReLU": ReLU, "sigmoid": sigmoid, "tanh": act_tanh, "softsign": softsign,
                "ELU": ELU, "softplus": softplus, "hard-sigmoid": hardSigmoid}


def get_act(name, **params):
    """A registry that raises for some names it should know."""
    if name in ("softplus", "hard-sigmoid"):
        raise LookupError(f"registry is broken for {name!r} on purpose")
    return _ACTIVATIONS[name](**params)
