"""The oracles checked against each other, so a finding is never an oracle's bug.

The JAX definitions (and their autodiff derivatives) must agree with the
high-precision mpmath forms over the whole float64 range, tails included;
finite differences must agree with both where the function is smooth.
"""
import jax.numpy as jnp
import numpy as np
import pytest

from reference import high_precision, oracles
from reference.catalogue import CATALOGUE
from reference.tolerances import tolerance

SCALAR_ACTIVATIONS = [e for e in CATALOGUE if e.kind == "activation" and e.shape == "scalar"]
LOSSES = [e for e in CATALOGUE if e.kind == "loss"]

# Both signs, from tiny to huge magnitudes, and the interesting region in between.
POINTS = np.unique(np.concatenate([
    s * np.logspace(-300, 300, 41) for s in (-1.0, 1.0)
] + [np.linspace(-40.0, 40.0, 33), np.array([-745.0, -709.0, -1e-8, 3e-5, 0.7, 177.5, 709.0, 745.0])]))


def _smooth(entry, x):
    kinks = np.asarray(entry.kinks(entry.published), dtype=float)
    return x if kinks.size == 0 else x[np.min(np.abs(x[:, None] - kinks), axis=1) > 1e-6]


@pytest.mark.parametrize("entry", SCALAR_ACTIVATIONS, ids=repr)
def test_reference_matches_high_precision(entry):
    x = _smooth(entry, POINTS)
    value, first, second = oracles.scalar_derivatives(entry.reference, x, entry.published)
    for order, got, kind in ((0, value, "value"), (1, first, "derivative"), (2, second, "second-derivative")):
        if order == 2 and not entry.second_order:
            continue
        want = np.array([high_precision.derivative(entry.name, xi, order=order) if order else
                         high_precision.value(entry.name, xi) for xi in x])
        finite = np.isfinite(want)
        bad = tolerance(np.float64, kind).fails(got[finite], want[finite])
        assert not bad.any(), (f"{entry.name} order {order}: reference disagrees with mpmath at "
                               f"{x[finite][bad][:5]}: {got[finite][bad][:5]} vs {want[finite][bad][:5]}")


@pytest.mark.parametrize("entry", LOSSES, ids=repr)
def test_loss_reference_matches_high_precision(entry):
    low, high = max(entry.domain.low, -1e150), min(entry.domain.high, 1e150)
    y = np.concatenate([np.linspace(low, high, 23)[1:-1], np.array([1e-300, 1e-12, 0.5, 1 - 1e-12]) * (high - low) + low])
    t = np.resize(np.linspace(*np.clip(entry.domain.target, -5, 5), 5), y.shape)
    value, derivative = oracles.loss_derivatives(entry.reference, y, t)
    want_value = np.array([high_precision.value(entry.name, a, b) for a, b in zip(y, t)])
    want_derivative = np.array([high_precision.derivative(entry.name, a, b) for a, b in zip(y, t)])
    assert not tolerance(np.float64, "value").fails(value, want_value).any()
    assert not tolerance(np.float64, "derivative").fails(derivative, want_derivative).any()


def test_finite_differences_agree_with_autodiff_on_smooth_functions():
    x = np.linspace(-20, 20, 101)
    for function in (np.tanh, np.sin, lambda v: np.logaddexp(v, 0.0)):
        fd, error = oracles.finite_difference_derivative(function, x)
        assert np.all(error < 1e-8)
    fd, _ = oracles.finite_difference_derivative(np.sin, x)
    np.testing.assert_allclose(fd, np.cos(x), rtol=1e-8, atol=1e-9)


def _naive_sigmoid(v):
    return 1.0 / (1.0 + jnp.exp(-v))


def test_a_wrong_reference_is_caught():
    """The agreement test has teeth: the naive sigmoid, whose autodiff derivative
    is nan past x = -709, disagrees with mpmath."""
    _, first, _ = oracles.scalar_derivatives(_naive_sigmoid, POINTS)
    want = np.array([high_precision.derivative("sigmoid", xi) for xi in POINTS])
    assert tolerance(np.float64, "derivative").fails(first, want).any()
