"""The catalogue: one entry per component, shared by the tests and the report.

Why a catalogue.  Every hand-written function makes the same kinds of
promises (its value, its derivative, its behaviour on a batch, at a kink, at
the edge of float64) and every promise is checked the same way.  So the
knowledge specific to a component -- its definition, its domain, its kinks,
its published parameters, the odd tolerance -- lives in one entry here, and
the generic checks in ``checks.py`` run over all entries.  ``tests/`` and
``reports/`` are thin drivers over this list, so a test and the report can
never disagree about a verdict.

To add a component: write its definition in ``functions.py`` (stable form),
its mpmath form in ``high_precision.py`` if it is scalar, and one ``Entry``
below.  Nothing else changes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from hypothesis import strategies as st

from . import functions as F
from . import layers
from . import optimizers as R
from .domains import Domain


@dataclass(frozen=True)
class Entry:
    """One component under audit.

    name         the component's name and registry key (as the article spells it)
    kind         "activation" | "loss" | "optimizer" (see :class:`OptimizerEntry`)
    class_name   its class in the audited module (used when the registry fails)
    reference    the JAX definition in ``functions.py``
    domain       where it is defined; which parameters Hypothesis may vary
    kinks        parameters -> points where it is not differentiable
    published    the published parameter values the reference uses by default (for
                 a required parameter: the value probes and sweeps use)
    shape        "scalar" (elementwise), "row" (a vector function of the last axis),
                 or "layer" (owns weights: ``layers.py``)
    second_order whether the audited API promises a second derivative ``d2y``
    registered   whether the registry should reach it (the article's own choice)
    tolerances   check kind -> (Tolerance, one-line why): overrides of the table
    """

    name: str
    kind: str
    class_name: str
    reference: Callable
    domain: Domain = field(default_factory=Domain)
    kinks: Callable[[dict], tuple] = lambda params: ()
    published: dict = field(default_factory=dict)
    shape: str = "scalar"
    second_order: bool = False
    registered: bool = True
    tolerances: dict = field(default_factory=dict)

    def __repr__(self):
        return self.name

    def parameters(self, drawn: dict) -> dict:
        """The reference's parameters for an example: published values, then drawn ones."""
        return {**self.published, **drawn}


def _interval(low, high):
    # No subnormal parameters: JAX flushes them to zero, so a threshold of
    # -2.2e-309 would be 0 to the reference and not to the ported code.
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def _symmetric_kinks(params):
    lam = params.get("lambda_", 0.5)
    return (-lam, lam)


ACTIVATIONS = (
    Entry("step", "activation", "step", F.step, kinks=lambda p: (0.0,)),
    Entry("identity", "activation", "identity", F.identity),
    Entry("bent-identity", "activation", "bentIdentity", F.bent_identity),
    Entry("hard-shrink", "activation", "hardShrink", F.hard_shrink,
          Domain(params={"lambda_": _interval(0.01, 3.0)}), kinks=_symmetric_kinks, published={"lambda_": 0.5}),
    Entry("soft-shrink", "activation", "softShrink", F.soft_shrink,
          Domain(params={"lambda_": _interval(0.01, 3.0)}), kinks=_symmetric_kinks, published={"lambda_": 0.5}),
    # The article's threshold has no defaults: its value checks always pass both.
    Entry("threshold", "activation", "threshold", F.threshold,
          Domain(required={"threshold": _interval(-3.0, 3.0), "value": _interval(-3.0, 3.0)}),
          kinks=lambda p: (p["threshold"],), published={"threshold": 0.0, "value": 0.0}),
    Entry("sigmoid", "activation", "sigmoid", F.sigmoid),
    Entry("hard-sigmoid", "activation", "hardSigmoid", F.hard_sigmoid, kinks=lambda p: (-2.5, 2.5)),
    Entry("log-sigmoid", "activation", "logSigmoid", F.log_sigmoid),
    Entry("tanh", "activation", "act_tanh", F.tanh),
    Entry("tanh-shrink", "activation", "tanhShrink", F.tanh_shrink),
    Entry("hard-tanh", "activation", "hardtanh", F.hard_tanh, kinks=lambda p: (-1.0, 1.0)),
    Entry("ReLU", "activation", "ReLU", F.relu, kinks=lambda p: (0.0,)),
    Entry("ReLU6", "activation", "ReLU6", F.relu6, kinks=lambda p: (0.0, 6.0)),
    Entry("leaky-ReLU", "activation", "leakyReLU", F.leaky_relu,
          Domain(params={"alpha": _interval(0.0, 0.99)}), kinks=lambda p: (0.0,), published={"alpha": 1e-2}),
    Entry("ELU", "activation", "ELU", F.elu,
          Domain(params={"alpha": _interval(0.01, 5.0)}), kinks=lambda p: (0.0,), published={"alpha": 1.0}),
    # SELU's parameters are its published constants: only the defaults are audited.
    Entry("SELU", "activation", "SELU", F.selu, kinks=lambda p: (0.0,)),
    Entry("CELU", "activation", "CELU", F.celu,
          Domain(params={"alpha": _interval(0.05, 5.0)}), kinks=lambda p: (0.0,), published={"alpha": 1.0}),
    Entry("softmax", "activation", "softmax", F.softmax, shape="row"),
    Entry("softmin", "activation", "softmin", F.softmin, shape="row"),
    Entry("log-softmax", "activation", "logSoftmax", F.log_softmax, shape="row"),
    Entry("softplus", "activation", "softplus", F.softplus),
    Entry("softsign", "activation", "softsign", F.softsign),
    Entry("Swish", "activation", "Swish", F.swish,
          Domain(params={"beta": _interval(0.1, 5.0)}), published={"beta": 1.0}, second_order=True),
    Entry("Mish", "activation", "Mish", F.mish, second_order=True),
    Entry("tanhExp", "activation", "tanhExp", F.tanh_exp, second_order=True),
    # A layer with weights of its own, which the article never registered: it
    # gets the checks in ``layers.py`` instead of the elementwise ones.
    Entry("maxout", "activation", "maxout", layers.maxout, shape="layer", registered=False),
)

_PROBABILITY = Domain(low=0.0, high=1.0, open_interval=True, target=(0.0, 1.0))
# Beyond 1e150 the squared error itself overflows float64.
_SQUARE = Domain(low=-1e150, high=1e150, target=(-1e150, 1e150))

LOSSES = (
    Entry("Square", "loss", "SquareError", F.square_error, _SQUARE),
    Entry("Binary", "loss", "BinaryCrossEntropy", F.binary_cross_entropy, _PROBABILITY),
    Entry("Cross", "loss", "CrossEntropy", F.cross_entropy, _PROBABILITY),
    # The article's first SquareError listing, which it never registered.
    Entry("SquareErrorFirstListing", "loss", "SquareErrorFirstListing", F.square_error, _SQUARE, registered=False),
)


@dataclass(frozen=True)
class OptimizerEntry(Entry):
    """One optimizer under audit (``shape="trajectory"``: no sweep applies).

    reference    the factory in ``optimizers.py``, written from the paper
    published    the article's constructor defaults (article argument names): the
                 ported optimizer is built with them and the reference runs with them
    paper        reference flags that select the published algorithm under the
                 training-loop contract ``update(grad_w, grad_b, t=step)``; usually
                 none, the factories' defaults being the papers'
    variants     reference flags of the named variants the article follows: a
                 difference they explain is a convention, not a defect
    lookahead    reference flags for the article's look-ahead API
                 ``update(grad_w, grad_b, w=, b=, dfw=, dfb=)``, which evaluates the
                 gradient itself; None when the class has no such API
    """

    paper: dict = field(default_factory=dict)
    variants: dict = field(default_factory=dict)
    lookahead: dict | None = None

    def reference_kwargs(self, flags: dict, hyperparameters: dict | None = None) -> dict:
        """The reference factory's keywords: the article's hyperparameters (less the
        ones its algorithm never uses), the paper's flags, then ``flags``."""
        given = self.published if hyperparameters is None else hyperparameters
        unused = R.ARTICLE_UNUSED_ARGUMENTS.get(self.name, ())
        return {**{k: v for k, v in given.items() if k not in unused}, **self.paper, **flags}


def _optimizer(name, **fields):
    fields.setdefault("variants", R.ARTICLE_VARIANTS[name])
    return OptimizerEntry(name, "optimizer", name, R.REFERENCE[name], published=R.ARTICLE_DEFAULTS[name],
                          shape="trajectory", **fields)


OPTIMIZERS = (
    _optimizer("SGD"),
    _optimizer("MSGD"),
    # A training loop hands over the gradient at the current parameters: the
    # paper's NAG under that contract is its reparametrized form (Bengio et al.
    # 2013: the same trajectory of look-ahead points). The article's own form,
    # whose update takes dfw/dfb and evaluates the look-ahead gradient itself,
    # is the look-ahead API; so the form is not among the article's variants.
    _optimizer("NAG", paper=dict(form="reparametrized"), variants=dict(dampened=True),
               lookahead=dict(form="lookahead")),
    _optimizer("AdaGrad"),
    _optimizer("RMSprop"),
    _optimizer("AdaDelta"),
    _optimizer("Adam"),
    _optimizer("RMSpropGraves"),
    _optimizer("SMORMS3"),
    _optimizer("AdaMax"),
    _optimizer("Nadam"),
    _optimizer("Eve"),
    _optimizer("SantaE"),
    _optimizer("SantaSSS"),
    _optimizer("AMSGrad"),
    _optimizer("AdaBound"),
    _optimizer("AMSBound"),
)

CATALOGUE = ACTIVATIONS + LOSSES + OPTIMIZERS

def entry(name: str) -> Entry:
    for candidate in CATALOGUE:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no catalogue entry named {name!r}; known: {', '.join(e.name for e in CATALOGUE)}")
