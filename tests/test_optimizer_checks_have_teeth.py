"""The optimizer checks have teeth: each deliberately broken copy of a correct
optimizer is caught by the matching check, with the right category, and the
unbroken class passes the same check.

The broken copies are subclasses of ``ported.fixed`` optimizers (which pass
every check, see test_catalogue.py) with one deliberate mistake each.  They
live here, never in ``ported/``.
"""
import types

import numpy as np
import pytest

import ported.fixed as fixed
from reference.catalogue import entry
from reference.checks import check
from reference.engine import run_check
from reference.targets import Target


class AdamBeta2OnM(fixed.Adam):
    def update(self, grad_w, grad_b, t=None, *args, **kwds):
        t = self._count(t)
        self.mw += (1-self.beta2)*(grad_w - self.mw)  # beta2 where beta1 belongs
        self.mb += (1-self.beta2)*(grad_b - self.mb)
        self.vw += (1-self.beta2)*(grad_w**2 - self.vw)
        self.vb += (1-self.beta2)*(grad_b**2 - self.vb)
        alpha_t = float(self.alpha*np.sqrt(1-self.beta2**t)/(1-self.beta1**t))
        return -alpha_t*self.mw/np.sqrt(self.vw+self.eps), -alpha_t*self.mb/np.sqrt(self.vb+self.eps)


class MSGDStepSignFlipped(fixed.MSGD):
    def update(self, grad_w, grad_b, *args, **kwds):
        dw, db = super().update(grad_w, grad_b)
        return -dw, -db


class AdaGradEpsInsideTheRoot(fixed.AdaGrad):
    def update(self, grad_w, grad_b, *args, **kwds):
        self.gw += grad_w*grad_w
        self.gb += grad_b*grad_b
        return -self.eta*grad_w/np.sqrt(self.gw + self.eps), -self.eta*grad_b/np.sqrt(self.gb + self.eps)


class AdaMaxWithoutEps(fixed.AdaMax):
    def __init__(self, alpha=2e-3, beta1=0.9, beta2=0.999):
        super().__init__(alpha, beta1, beta2, eps=0.0)  # m/u is 0/0 while a gradient is exactly 0


class RMSpropDeclaresThePaper(fixed.RMSprop):
    variant = {}  # but computes sqrt(v + eps), the eps-inside variant


class AdamStepCountFrozen(fixed.Adam):
    def _count(self, t):
        self.t = 1 if t is None else t  # the seed's default t=1
        return self.t


class NAGLooksAheadByTheWholeVelocity(fixed.NAG):
    def update(self, grad_w, grad_b, w=0, b=0, dfw=None, dfb=None, nargs=2, *args, **kwds):
        if dfw is None:
            return super().update(grad_w, grad_b)
        # The look-ahead point becomes w + v instead of w + mu*v.
        return super().update(grad_w, grad_b, w + (1-self.mu)*self.dw, b + (1-self.mu)*self.db, dfw, dfb, nargs)


class SGDIgnoresEta(fixed.SGD):
    def __init__(self, eta=1e-2):
        super().__init__()


class AdamSwallowsKeywords(fixed.Adam):
    def __init__(self, alpha=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, **ignored):
        super().__init__(alpha, beta1, beta2, eps)


class AdaDeltaPromotesFloat32(fixed.AdaDelta):
    def update(self, grad_w, grad_b, *args, **kwds):
        dw, db = super().update(grad_w, grad_b)
        scale = np.float64(1.0)  # a NumPy float64 scalar promotes float32 arrays
        return scale*dw, scale*db


class SGDAscends(fixed.SGD):
    def update(self, grad_w, grad_b, *args, **kwds):
        return self.eta*grad_w, self.eta*grad_b


# (check, component, broken class, category)
BROKEN = [
    ("trajectory", "Adam", AdamBeta2OnM, "wrong-update"),
    ("trajectory", "MSGD", MSGDStepSignFlipped, "wrong-update"),
    ("trajectory", "AdaGrad", AdaGradEpsInsideTheRoot, "wrong-update"),
    ("trajectory", "AdaMax", AdaMaxWithoutEps, "non-finite"),
    ("trajectory", "RMSprop", RMSpropDeclaresThePaper, "wrong-update"),
    ("no-step-count", "Adam", AdamStepCountFrozen, "wrong-update"),
    ("jax-gradients", "NAG", NAGLooksAheadByTheWholeVelocity, "wrong-update"),
    ("registry-kwargs", "SGD", SGDIgnoresEta, "api"),
    ("registry-kwargs", "Adam", AdamSwallowsKeywords, "api"),
    ("step-dtype", "AdaDelta", AdaDeltaPromotesFloat32, "dtype"),
    ("convergence", "SGD", SGDAscends, "wrong-update"),
]


def target_with(name, cls):
    """A target whose optimizer ``name`` is ``cls``, built by its own get_opt."""
    def get_opt(key, **kwargs):
        if key != name:
            raise ValueError(key, ": Unknown optimizer")
        return cls(**kwargs)

    return Target(f"broken-{cls.__name__}", types.SimpleNamespace(get_opt=get_opt, **{name: cls}))


@pytest.mark.parametrize("check_name, component, broken, category", BROKEN,
                         ids=[f"{c}:{b.__name__}" for c, _, b, _ in BROKEN])
def test_broken_copy_is_caught(check_name, component, broken, category):
    finding = run_check(target_with(component, broken), entry(component), check(check_name)).finding
    assert finding is not None, f"{check_name} missed {broken.__name__}"
    assert finding.category == category, finding.render()


@pytest.mark.parametrize("check_name, component", sorted({(c, n) for c, n, _, _ in BROKEN}))
def test_unbroken_class_passes(check_name, component):
    correct = getattr(fixed, component)
    assert run_check(target_with(component, correct), entry(component), check(check_name)).finding is None


class RMSpropUndeclared(fixed.RMSprop):
    variant = None


def test_an_undeclared_named_variant_is_a_convention():
    finding = run_check(target_with("RMSprop", RMSpropUndeclared), entry("RMSprop"), check("trajectory")).finding
    assert (finding.category, finding.severity) == ("convention", "info"), finding.render()
    assert "eps_inside_sqrt" in finding.summary


class RMSpropUndeclaredNanAtZero(RMSpropUndeclared):
    def update(self, grad_w, grad_b, *args, **kwds):
        dw, db = super().update(grad_w, grad_b)
        return np.where(grad_w == 0, np.nan, dw), np.where(grad_b == 0, np.nan, db)


def test_a_convention_does_not_hide_a_defect():
    """Most streams show only the named variant; the search must still find the nan."""
    target = target_with("RMSprop", RMSpropUndeclaredNanAtZero)
    finding = run_check(target, entry("RMSprop"), check("trajectory")).finding
    assert finding.category == "non-finite", finding.render()
