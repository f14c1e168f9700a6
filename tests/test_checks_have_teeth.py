"""The checks have teeth: each deliberately broken copy of a correct component
is caught by the matching check, with the right category.

The broken copies are subclasses of ``ported.fixed`` components (which pass
every check, see test_catalogue.py) with one deliberate mistake each: a sign
flipped, a constant changed, an axis dropped, a term left out.  They live
here, never in ``ported/``.
"""
import types

import numpy as np
import pytest

import ported.fixed as fixed
from reference.catalogue import entry
from reference.checks import check
from reference.engine import run_check
from reference.targets import Target


class SigmoidSignFlipped(fixed.sigmoid):
    def backward(self, x, y=None, *args, **kwds):
        return -super().backward(x, y)


class TanhConstantChanged(fixed.act_tanh):
    def forward(self, x, *args, **kwds):
        return 1.001 * super().forward(x)


class SoftplusNaive(fixed.softplus):
    def forward(self, x, *args, **kwds):
        return np.log(1 + np.exp(x))


class ELUIgnoresAlpha(fixed.ELU):
    def backward(self, x, y=None, *args, **kwds):
        return np.where(x >= 0, 1.0, np.exp(np.minimum(x, 0.0)))


class SoftmaxAxisDropped(fixed.softmax):
    def forward(self, x, *args, **kwds):
        e = np.exp(x - np.max(x))
        return e / np.sum(e)


class SoftminVjpIsTheDiagonal(fixed.softmin):
    def vjp(self, x, g, *args, **kwds):
        return g * self.backward(x)


class MishSecondDerivativeScaled(fixed.Mish):
    def d2y(self, x, *args, **kwds):
        return 1.01 * super().d2y(x)


class ReLUSlopeTwoAtZero(fixed.ReLU):
    def backward(self, x, y=None, *args, **kwds):
        return np.where(x == 0, 2.0, super().backward(x))


class ReLUIntegerDerivative(fixed.ReLU):
    def backward(self, x, y=None, *args, **kwds):
        return super().backward(x).astype(np.int64)


class MaxoutTakesTheMinimum(fixed.maxout):
    def forward(self, x, *args, **kwds):
        super().forward(x)
        return np.min(self.z, axis=-1)


class MaxoutGradientToEveryUnit(fixed.maxout):
    def backward(self, g, *args, **kwds):
        return np.repeat(np.asarray(g), self.k, axis=-1) @ self.w.T


class BinaryCrossEntropySignFlipped(fixed.BinaryCrossEntropy):
    def backward(self, *args, **kwds):
        return -super().backward()


class CrossEntropyTotalIsSum(fixed.CrossEntropy):
    def total_error(self, *args, **kwds):
        return np.sum(self.error)


BROKEN_ACTIVATIONS = {
    "sigmoid": SigmoidSignFlipped, "tanh": TanhConstantChanged, "softplus": SoftplusNaive,
    "ELU": ELUIgnoresAlpha, "softmax": SoftmaxAxisDropped, "softmin": SoftminVjpIsTheDiagonal,
    "Mish": MishSecondDerivativeScaled, "ReLU": ReLUSlopeTwoAtZero, "ReLU6": ReLUIntegerDerivative,
    # The registry hands out the wrong class for this key.
    "hard-tanh": fixed.act_tanh,
}
BROKEN_LOSSES = {"Binary": BinaryCrossEntropySignFlipped, "Cross": CrossEntropyTotalIsSum}


def _broken_target(**classes) -> Target:
    module = types.ModuleType("broken_copies")
    module.__dict__.update({name: getattr(fixed, name) for name in dir(fixed) if not name.startswith("_")})
    module.__dict__.update(classes)
    module.get_act = lambda name, *args, **kwds: BROKEN_ACTIVATIONS.get(name, fixed.activators._act_dic[name])(
        *args, **kwds)
    module.get_err = lambda name, *args, **kwds: BROKEN_LOSSES.get(name, fixed.errors._err_dic[name])(*args, **kwds)
    return Target("broken", module)


# (component, check, category the check must report)
CAUGHT = [
    ("sigmoid", "backward", "wrong-derivative"),
    ("sigmoid", "backward-finite-difference", "wrong-derivative"),
    ("tanh", "forward", "wrong-value"),
    ("tanh", "backward-finite-difference", "wrong-derivative"),
    ("softplus", "forward-finite", "non-finite"),
    ("ELU", "backward", "wrong-derivative"),
    ("softmax", "batch", "batch-inconsistency"),
    ("softmin", "vjp", "wrong-derivative"),
    ("Mish", "second-derivative", "wrong-second-derivative"),
    ("ReLU", "kinks", "wrong-derivative"),
    ("ReLU6", "dtype", "dtype"),
    ("hard-tanh", "registry", "api"),
    ("Binary", "backward", "wrong-derivative"),
    ("Binary", "backward-finite-difference", "wrong-derivative"),
    ("Cross", "total-error", "wrong-value"),
]


@pytest.mark.parametrize("component, check_name, category", CAUGHT, ids=[f"{c}:{k}" for c, k, _ in CAUGHT])
def test_broken_copy_is_caught(component, check_name, category):
    finding = run_check(_broken_target(), entry(component), check(check_name)).finding
    assert finding is not None, f"{check_name} did not catch the broken {component}"
    assert finding.category == category, finding.render()


@pytest.mark.parametrize("broken, check_name", [(MaxoutTakesTheMinimum, "layer-forward"),
                                                 (MaxoutGradientToEveryUnit, "layer-backward")])
def test_broken_maxout_is_caught(broken, check_name):
    finding = run_check(_broken_target(maxout=broken), entry("maxout"), check(check_name)).finding
    assert finding is not None and finding.category in ("wrong-value", "wrong-derivative"), finding


def test_unbroken_checks_of_a_broken_component_still_pass():
    """A mistake in one method is reported by the checks of that method only."""
    target = _broken_target()
    assert run_check(target, entry("softmin"), check("backward")).finding is None
    assert run_check(target, entry("Mish"), check("backward")).finding is None
    assert run_check(target, entry("softmax"), check("forward")).finding is None
