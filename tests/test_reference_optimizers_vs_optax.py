"""The reference optimizers agree with optax, a peer implementation, to float64 round-off.

Every algorithm of the article that optax also implements is run over the same
seeded gradient stream (w of shape (3, 4), b of shape (4,), a few hundred
steps) on both sides; each case states which of the reference's named variants
matches optax's choices. optax has no SMORMS3, Eve, SantaE, SantaSSS, AdaBound
or AMSBound (nor in optax.contrib), so those are not covered here.

``benchmarks/optax_agreement.py`` prints the measured differences.
"""
from __future__ import annotations

import inspect
from typing import Callable, NamedTuple

import jax

jax.config.update("jax_enable_x64", True)  # before any array exists

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
import pytest  # noqa: E402

from reference import optimizers as R  # noqa: E402

NUM_STEPS = 400
SEED = 20240531

# float64 round-off accumulated over a few hundred moving-average updates stays
# near 1e-14; any change of formula (an eps moved across a root, a bias
# correction off by one step, a missing (1 - mu)) moves the steps by 1e-6 or more.
RTOL = 1e-12
# Relative error is judged against max(|step|, floor), the floor being this
# fraction of the same parameter element's largest step over the stream: a step
# that momentum cancels to nearly nothing keeps the absolute round-off of the
# terms it cancelled, so it is judged on that element's scale (then 1e-12
# relative means ~1e-15 of the element's scale, a few ulps of the summed terms).
FLOOR_FRACTION_OF_ELEMENT_SCALE = 1e-3


def gradient_stream(seed=SEED, num_steps=NUM_STEPS):
    """Gradients with a drift (so momentum and centring matter), element
    scales from 1e-3 to 1e2 (so eps placement matters), and one bias element
    that is exactly 0 for the first 40 steps (empty accumulators)."""
    rng = np.random.default_rng(seed)

    def stream(shape):
        scale = 10.0 ** rng.uniform(-3, 2, size=shape)
        drift = rng.normal(size=shape)
        return scale * (drift + rng.normal(size=(num_steps, *shape)))

    grads_w, grads_b = stream((3, 4)), stream((4,))
    grads_b[:40, 0] = 0.0
    return grads_w, grads_b


def optax_trajectory(transformation, grads_w, grads_b):
    """optax's updates (the delta added to the parameters) over the stream, in one scan."""
    grads = {"w": jnp.asarray(grads_w), "b": jnp.asarray(grads_b)}
    params = {"w": jnp.zeros(grads_w.shape[1:]), "b": jnp.zeros(grads_b.shape[1:])}

    @jax.jit
    def run(grads):
        def one_update(state, grad):
            updates, state = transformation.update(grad, state, params)
            return state, updates

        return jax.lax.scan(one_update, transformation.init(params), grads)[1]

    updates = run(grads)
    return np.asarray(updates["w"]), np.asarray(updates["b"])


class Case(NamedTuple):
    id: str
    name: str  # the article's class name, key of R.REFERENCE
    hyper: dict  # the reference's hyperparameters and variants
    optax: Callable[[], optax.GradientTransformation]
    mapping: str  # why these variants are optax's


LR = 3e-2
CASES = [
    Case("SGD", "SGD", dict(eta=LR), lambda: optax.sgd(LR),
         "step = -eta * g on both sides"),
    Case("MSGD", "MSGD", dict(eta=LR, mu=0.9, dampened=False), lambda: optax.sgd(LR, momentum=0.9),
         "optax trace t = g + mu t, step = -lr t  <=>  v = mu v - lr g (undampened heavy ball)"),
    Case("NAG-reparametrized", "NAG", dict(eta=LR, mu=0.9, form="reparametrized"),
         lambda: optax.sgd(LR, momentum=0.9, nesterov=True),
         "optax nesterov: step = -lr (g + mu (g + mu t)) = mu v_t - lr g (Bengio et al. 2013 form)"),
    Case("AdaGrad-optax-defaults", "AdaGrad", dict(eta=LR, eps=1e-7, eps_inside_sqrt=True, initial_accumulator=0.1),
         lambda: optax.adagrad(LR, initial_accumulator_value=0.1, eps=1e-7),
         "optax: G_0 = 0.1 and g * rsqrt(G + eps): eps inside the root"),
    Case("AdaGrad-empty-accumulator", "AdaGrad", dict(eta=LR, eps=1e-7, eps_inside_sqrt=True, initial_accumulator=0.0),
         lambda: optax.adagrad(LR, initial_accumulator_value=0.0, eps=1e-7),
         "G_0 = 0: optax steps 0 where G = 0, the reference too (the zero-gradient element)"),
    Case("RMSprop-eps-inside", "RMSprop", dict(eta=LR, rho=0.9, eps=1e-3, eps_inside_sqrt=True),
         lambda: optax.rmsprop(LR, decay=0.9, eps=1e-3, eps_in_sqrt=True),
         "optax default eps_in_sqrt=True: g / sqrt(E[g^2] + eps); eps = 1e-3 so placement shows"),
    Case("RMSprop-eps-outside", "RMSprop", dict(eta=LR, rho=0.9, eps=1e-3, eps_inside_sqrt=False),
         lambda: optax.rmsprop(LR, decay=0.9, eps=1e-3, eps_in_sqrt=False),
         "eps_in_sqrt=False: g / (sqrt(E[g^2]) + eps), PyTorch's placement"),
    Case("AdaDelta", "AdaDelta", dict(rho=0.95, eps=1e-6), lambda: optax.adadelta(1.0, rho=0.95, eps=1e-6),
         "Zeiler's algorithm with learning rate 1 on both sides"),
    Case("AdaDelta-scaled", "AdaDelta", dict(rho=0.95, eps=1e-6, eta=0.5), lambda: optax.adadelta(0.5, rho=0.95, eps=1e-6),
         "optax scales after scale_by_adadelta: E[dx^2] keeps the unscaled dx"),
    Case("Adam", "Adam", dict(alpha=LR, beta1=0.9, beta2=0.999, eps=1e-3, bias_correction="separate"),
         lambda: optax.adam(LR, b1=0.9, b2=0.999, eps=1e-3),
         "Algorithm 1: m_hat / (sqrt(v_hat) + eps); eps = 1e-3 so placement and correction order show"),
    Case("Adam-eps-inside", "Adam",
         dict(alpha=LR, beta1=0.9, beta2=0.999, eps=1e-3, bias_correction="separate", eps_inside_sqrt=True),
         lambda: optax.adam(LR, b1=0.9, b2=0.999, eps=0.0, eps_root=1e-3),
         "optax eps_root: m_hat / sqrt(v_hat + eps_root)"),
    Case("RMSpropGraves", "RMSpropGraves", dict(eta=1e-3, rho=0.95, eps=1e-4, momentum=0.9),
         lambda: optax.rmsprop(1e-3, decay=0.95, eps=1e-4, eps_in_sqrt=True, centered=True, momentum=0.9),
         "Graves eq. 38-41: centred, eps inside the root, then optax trace D = mu D - lr * scaled g"),
    Case("RMSpropGraves-no-momentum", "RMSpropGraves", dict(eta=1e-3, rho=0.95, eps=1e-4, momentum=0.0),
         lambda: optax.rmsprop(1e-3, decay=0.95, eps=1e-4, eps_in_sqrt=True, centered=True),
         "centred RMSprop without momentum (the article's variant)"),
    Case("AdaMax", "AdaMax", dict(alpha=2e-3, beta1=0.9, beta2=0.999, eps=1e-3),
         lambda: optax.adamax(2e-3, b1=0.9, b2=0.999, eps=1e-3),
         "optax: u = max(|g| + eps, beta2 u); the paper's eps = 0 leaves optax's m/u at 0/0"),
    Case("Nadam", "Nadam", dict(alpha=2e-3, mu=0.9, nu=0.999, eps=1e-3, nu_hat="unbiased"),
         lambda: optax.nadam(2e-3, b1=0.9, b2=0.999, eps=1e-3),
         "constant mu; optax drops the nu Dozat prints in n_hat (nu_hat='unbiased'); eps outside"),
    Case("AMSGrad-paper", "AMSGrad",
         dict(alpha=LR, beta1=0.9, beta2=0.999, eps=1e-3, step_size="constant", bias_correction="none"),
         lambda: optax.amsgrad(LR, b1=0.9, b2=0.999, eps=1e-3, bias_correction_mu=False, bias_correction_nu=False),
         "Reddi et al. without bias correction, constant alpha, eps outside the root"),
    Case("AMSGrad-optax-default", "AMSGrad",
         dict(alpha=LR, beta1=0.9, beta2=0.999, eps=1e-3, step_size="constant", bias_correction="before_max"),
         lambda: optax.amsgrad(LR, b1=0.9, b2=0.999, eps=1e-3),
         "optax corrects m and takes the max over bias-corrected v"),
]


def relative_difference(reference, peer):
    """max over steps and elements of |reference - peer| / max(|peer|, floor);
    arrays of shape (steps, ...), floor per element (see FLOOR_FRACTION_OF_ELEMENT_SCALE)."""
    reference = reference.reshape(len(reference), -1)
    peer = peer.reshape(len(peer), -1)
    floor = FLOOR_FRACTION_OF_ELEMENT_SCALE * np.max(np.abs(peer), axis=0)
    denominator = np.maximum(np.abs(peer), floor)
    difference = np.abs(reference - peer)
    # An element that never moves on either side agrees exactly (0 / 0).
    ratio = np.divide(difference, denominator, out=np.where(difference == 0, 0.0, np.inf), where=denominator > 0)
    return float(np.max(ratio))


def compare(case, grads_w, grads_b):
    """(max relative difference, max |step|) between the reference and optax over both w and b."""
    ref_w, ref_b = R.reference_trajectory(case.name, grads_w, grads_b, **case.hyper)
    peer_w, peer_b = optax_trajectory(case.optax(), grads_w, grads_b)
    difference = max(relative_difference(ref_w, peer_w), relative_difference(ref_b, peer_b))
    return difference, float(max(np.max(np.abs(peer_w)), np.max(np.abs(peer_b))))


@pytest.fixture(scope="module")
def stream():
    return gradient_stream()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_reference_matches_optax(case, stream):
    difference, largest_step = compare(case, *stream)
    assert largest_step > 0, "a stream that never moves proves nothing"
    assert difference <= RTOL, (
        f"{case.id}: reference and optax differ by {difference:.3g} (relative) over {NUM_STEPS} steps; "
        f"variant mapping: {case.mapping}"
    )


def test_every_optax_counterpart_is_covered():
    covered = {case.name for case in CASES}
    without_optax_counterpart = {"SMORMS3", "Eve", "SantaE", "SantaSSS", "AdaBound", "AMSBound"}
    assert covered | without_optax_counterpart == set(R.REFERENCE)


def test_article_defaults_match_the_ported_constructors():
    """ARTICLE_DEFAULTS is written by hand (reference/ may not import ported/): check it."""
    from ported.seed import optimizers as article

    assert {cls.__name__ for cls in article._opt_dic.values()} == set(R.REFERENCE)
    for name, defaults in R.ARTICLE_DEFAULTS.items():
        parameters = inspect.signature(getattr(article, name)).parameters
        ported = {
            key: p.default for key, p in parameters.items()
            if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is not p.empty
        }
        assert set(ported) == set(defaults), name
        for key, value in ported.items():
            if callable(value):  # the annealing function: compare what it computes
                assert value(7.0, 0.5) == defaults[key](7.0, 0.5), (name, key)
            else:
                assert value == defaults[key], (name, key)
