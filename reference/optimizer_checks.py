"""The optimizer checks: the ported ``update`` steps against the published algorithms.

An optimizer promises that ``update(grad_w, grad_b, t=step)`` returns the step
``(dw, db)`` its published algorithm takes (DESIGN.md, "Contracts").  Each
check calls the ported optimizer the way some caller does and compares every
step with the reference (``optimizers.py``) run on the same gradients,
objective values and noise:

trajectory       a generated gradient stream, called as a training loop calls it:
                 ``update(grad_w, grad_b, t=step)`` (Eve: and ``f=``), t from 1
no-step-count    the same stream called ``update(grad_w, grad_b)``, as a naive loop
                 does, takes the steps of the calls with t: an optimizer whose
                 algorithm needs t must count it itself (whether those steps are
                 the published ones is the trajectory check's business, so each
                 defect is reported once)
jax-gradients    a closed loop on a JAX objective: each step applied, the next
                 gradient taken by ``jax.grad`` at the new point (through the
                 article's look-ahead API where the class has one), against the
                 reference's closed loop as far as that is reproducible (past the
                 step where a start moved by round-off changes it, the dynamics
                 decide the digits, not the code)
registry-kwargs  ``get_opt(name, **hyperparameters)`` uses every hyperparameter the
                 algorithm uses, and a misspelt keyword raises TypeError
step-dtype       float32 gradients give float32 steps
convergence      on a convex quadratic, the article's defaults bring the loss as
                 low as the reference does, within a factor

The verdict of trajectory and jax-gradients comes from the maths.  The steps
are compared with the reference configured as the paper (the entry's ``paper``
flags).  If they differ, they are compared with the reference configured as the
article's named variants (the entry's ``variants``): agreement there makes the
difference a ``convention`` (information); a remaining difference is a defect,
``wrong-update``, or ``non-finite`` where the ported step is nan or inf and the
reference's is not (where the reference itself is nan, the algorithm has
overflowed and nothing is judged).  A target may declare the named variant a class follows in
an attribute ``variant`` (reference flags, e.g. ``{"eps_inside_sqrt": True}``):
the class is then held to the reference configured so, and a difference from
the paper that the declaration explains is documented, not reported.

Stochastic optimizers (Santa) draw standard normals from NumPy's global
generator, as the article does; the checks seed it, and feed the reference the
same draws in the paper's order: u_0 for w then for b at the first update,
then zeta for w then for b at each exploration step (t < burnin).
"""
from __future__ import annotations

import functools
import numbers
import warnings
from contextlib import contextmanager

import jax
import jax.numpy as jnp
import numpy as np
from hypothesis import strategies as st

from . import optimizers as R
from .targets import REGISTRIES, PortedFailure, as_array, call, construct
from .tolerances import tolerance


def _failure(category, summary, counterexample=None, relative_error=np.inf):
    """A checks.Failure (imported when first needed: checks.py imports this module to list its checks)."""
    from .checks import Failure

    return Failure(category, summary, counterexample or {}, relative_error)


# Generated streams --------------------------------------------------------------

MAX_STEPS = 12
# (w shape, b shape): scalars, a vector, a matrix with a broadcastable bias, and
# a bias that does not broadcast against the weight.
SHAPES = (((), ()), ((4,), ()), ((3, 5), (5,)), ((3, 5), (4,)))
# Every stream runs through the reference padded to MAX_STEPS steps and to the
# largest sizes, so the reference compiles once per configuration: the
# algorithms are elementwise (padding elements change nothing) and causal
# (padding steps come after the ones compared).
PADDED_SIZES = (15, 5)
MAGNITUDES = {"ordinary": 1.0, "zero": 0.0, "tiny": 1e-30, "small": 1e-5, "large": 1e5, "huge": 1e30}
# Per step and parameter; shrinking prefers the first, "ordinary".
KINDS = (*MAGNITUDES, "some-zeros", "sign-flip")


def _needs(entry) -> frozenset:
    """The extra inputs the algorithm takes: "f" (objective values), "noise"."""
    return _needs_of(entry.reference)


@functools.lru_cache(maxsize=None)
def _needs_of(factory):
    return factory().needs


def _leaf_stream(kinds, shape, rng):
    size = int(np.prod(shape, dtype=int))
    grads = np.empty((len(kinds), size))
    previous = rng.standard_normal(size)
    for step, kind in enumerate(kinds):
        values = rng.standard_normal(size)
        if kind == "sign-flip":
            values = -previous
        elif kind == "some-zeros":
            values = np.where(rng.random(size) < 0.5, 0.0, values)
        else:
            values = MAGNITUDES[kind] * values
        grads[step] = previous = values
    return grads.reshape(len(kinds), *shape)


@st.composite
def gradient_streams(draw, entry):
    """A training run's inputs: gradients for w and b whose kind (exact zeros,
    tiny, huge, a sign flip, ...) is drawn per step and per parameter, values
    from a drawn seed (which also seeds the noise); objective values for Eve."""
    w_shape, b_shape = draw(st.sampled_from(SHAPES))
    # One integer a step (its kind for w, its kind for b): few draws, and
    # shrinking deletes steps and moves towards ("ordinary", "ordinary").
    codes = draw(st.lists(st.integers(0, len(KINDS) ** 2 - 1), min_size=1, max_size=MAX_STEPS))
    kinds = [(KINDS[code // len(KINDS)], KINDS[code % len(KINDS)]) for code in codes]
    seed = draw(st.integers(0, 2**16 - 1))
    rng = np.random.default_rng(seed)
    stream = {"w_shape": w_shape, "b_shape": b_shape, "kinds": kinds, "seed": seed,
              "grads_w": _leaf_stream([k for k, _ in kinds], w_shape, rng),
              "grads_b": _leaf_stream([k for _, k in kinds], b_shape, rng)}
    if "f" in _needs(entry):
        stream["f"] = np.array(draw(st.lists(st.floats(1e-2, 1e2), min_size=len(codes), max_size=len(codes))))
    return stream


def probe_stream(entry, dtype=np.float64, num_steps=4):
    """A fixed ordinary stream with element scales from 1e-6 to 1 (so that an eps shows)."""
    rng = np.random.default_rng(0)
    w_shape, b_shape = (3, 5), (4,)
    stream = {"w_shape": w_shape, "b_shape": b_shape, "kinds": [("ordinary", "ordinary")] * num_steps, "seed": 0}
    for name, shape in (("grads_w", w_shape), ("grads_b", b_shape)):
        scales = np.logspace(-6, 0, int(np.prod(shape))).reshape(shape)
        stream[name] = (scales * rng.standard_normal((num_steps, *shape))).astype(dtype)
    if "f" in _needs(entry):
        stream["f"] = np.linspace(3.0, 1.5, num_steps)
    return stream


# Noise ------------------------------------------------------------------------


@contextmanager
def _global_noise(seed):
    """NumPy's global generator (the article's np.random) seeded, and restored afterwards."""
    saved = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(saved)


def _replayed_noise(seed, shapes, num_steps, burnin):
    """The standard normals the optimizer draws from the global generator seeded
    with ``seed``, in the paper's order: (initial per parameter, per step per
    parameter, zeros where no draw is made)."""
    generator = np.random.RandomState(seed)
    initial = [generator.standard_normal(shape) for shape in shapes]
    per_step = [np.zeros((num_steps, *shape)) for shape in shapes]
    for t in range(1, num_steps + 1):
        if t < burnin:
            for leaf, shape in zip(per_step, shapes):
                leaf[t - 1] = generator.standard_normal(shape)
    return initial, per_step


# Running both sides -------------------------------------------------------------


def _update(component, grad_w, grad_b, **kwargs):
    """One ported step (dw, db), copied (code under audit may reuse its buffers)."""
    shown = "".join(f", {k}={v!r}" if k in ("t", "f") else f", {k}={k}" for k, v in kwargs.items())
    label = f"update(grad_w, grad_b{shown})"
    result = call(label, component.update, np.array(grad_w), np.array(grad_b), **kwargs)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise PortedFailure("crash", f"{label} returned {type(result).__name__}, not (dw, db)")
    return tuple(np.array(as_array(label, step, np.shape(grad)), copy=True)
                 for step, grad in zip(result, (grad_w, grad_b)))


def _run_stream(make, stream, *, pass_step=True):
    """The ported steps over a stream: (component, (steps_w, steps_b) of shape (steps, size))."""
    num_steps = len(stream["grads_w"])
    steps = []
    with _global_noise(stream["seed"]):
        component = make()
        for k in range(num_steps):
            kwargs = {"t": k + 1} if pass_step else {}
            if "f" in stream:
                kwargs["f"] = float(stream["f"][k])
            steps.append(_update(component, stream["grads_w"][k], stream["grads_b"][k], **kwargs))
    return component, tuple(np.stack([s[i] for s in steps]).reshape(num_steps, -1) for i in (0, 1))


def _pad(array, length, size, fill=0.0):
    padded = np.full((length, size), fill)
    padded[: array.shape[0], : array.shape[1]] = array
    return padded


def _reference_on_stream(entry, flags, stream, hyperparameters=None):
    """The reference's steps over the stream, in the layout of :func:`_run_stream`."""
    num_steps = len(stream["grads_w"])
    shapes = (stream["w_shape"], stream["b_shape"])
    sizes = [int(np.prod(shape, dtype=int)) for shape in shapes]
    grads = [_pad(np.asarray(stream[k], np.float64).reshape(num_steps, -1), MAX_STEPS, padded)
             for k, padded in zip(("grads_w", "grads_b"), PADDED_SIZES)]
    kwargs = entry.reference_kwargs(flags, hyperparameters)
    inputs = {}
    if "f" in _needs(entry):
        inputs["f"] = _pad(stream["f"][:, None], MAX_STEPS, 1, fill=1.0)[:, 0]
    if "noise" in _needs(entry):
        initial, per_step = _replayed_noise(stream["seed"], shapes, num_steps, kwargs["burnin"])
        inputs["noise_init"] = tuple(_pad(z.reshape(1, -1), 1, p)[0] for z, p in zip(initial, PADDED_SIZES))
        inputs["noise"] = tuple(_pad(z.reshape(num_steps, -1), MAX_STEPS, p) for z, p in zip(per_step, PADDED_SIZES))
    steps = R.reference_trajectory(entry.name, *grads, **inputs, **kwargs)
    return tuple(s[:num_steps, :size] for s, size in zip(steps, sizes))


# The verdict ------------------------------------------------------------------


def _first_disagreement(got, want, tol):
    """The first step where ported and reference steps disagree, and there the
    worst element: a dict, or None when they agree throughout.  Steps past the
    end of a shorter ``want`` are not judged."""
    # Where the reference is nan the algorithm itself has overflowed: no truth to judge against.
    excess = [np.where(np.isnan(w), 0.0, tol.excess(g[: len(w)], w)) for g, w in zip(got, want)]
    bad_steps = [np.flatnonzero(e.max(axis=1, initial=0.0) > 1.0) for e in excess]
    first = min((int(s[0]) for s in bad_steps if s.size), default=None)
    if first is None:
        return None
    parameter = max((0, 1), key=lambda i: excess[i][first].max(initial=0.0))
    element = int(np.argmax(excess[parameter][first]))
    ported, reference = float(got[parameter][first, element]), float(want[parameter][first, element])
    with np.errstate(all="ignore"):
        relative = abs(ported - reference) / abs(reference) if reference != 0 else abs(ported - reference)
    return {"step": first + 1, "parameter": "wb"[parameter], "element": element, "ported": ported,
            "reference": reference, "relative": float(relative)}


def _defect(what, disagreement, against, num_steps, context):
    d = disagreement
    at = f"at step {d['step']} of {num_steps}, d{d['parameter']}.flat[{d['element']}] = {d['ported']!r}"
    if not np.isfinite(d["ported"]) and np.isfinite(d["reference"]):
        category, summary = "non-finite", f"{what}: {at} where {against} gives {d['reference']!r}"
    else:
        category = "wrong-update"
        summary = f"{what}: {at}; {against} gives {d['reference']!r} (relative error {d['relative']:.3g})"
    return _failure(category, summary, _counterexample(d, against, context), d["relative"])


def _counterexample(disagreement, against, context):
    d = disagreement
    return {**context, "at": {"step": d["step"], "parameter": d["parameter"], "element": d["element"]},
            "ported": d["ported"], "reference": d["reference"], "reference_is": against}


def _verdict(entry, component, got, reference, what, context):
    """Judge the ported steps ``got`` against ``reference(flags)`` (see the module docstring)."""
    tol = tolerance(np.float64, "update", entry.tolerances)
    num_steps = len(got[0])
    declared = getattr(component, "variant", None)
    if declared is not None:
        disagreement = _first_disagreement(got, reference(declared), tol)
        if disagreement is None:
            return None
        return _defect(what, disagreement, f"its declared variant {declared}", num_steps, context)
    against_paper = _first_disagreement(got, reference({}), tol)
    if against_paper is None:
        return None
    if not entry.variants:
        return _defect(what, against_paper, "the paper's algorithm", num_steps, context)
    against_variant = _first_disagreement(got, reference(entry.variants), tol)
    if against_variant is not None:
        return _defect(what, against_variant, f"the article's named variant {entry.variants}", num_steps, context)
    d = against_paper
    return _failure(
        "convention",
        f"{what}: follows the named variant {entry.variants}, not the paper's algorithm (at step {d['step']}, "
        f"d{d['parameter']}.flat[{d['element']}] = {d['ported']!r}, the paper's {d['reference']!r}); "
        f"it agrees with that variant throughout",
        _counterexample(d, "the paper's algorithm", context), d["relative"])


def _shown(stream, call_shown):
    from .checks import _whole  # see _failure

    shown = {"call": call_shown, "w_shape": list(stream["w_shape"]), "b_shape": list(stream["b_shape"]),
             "kinds": [list(k) for k in stream["kinds"]], "grads_w": _whole(stream["grads_w"]),
             "grads_b": _whole(stream["grads_b"])}
    if "f" in stream:
        shown["f"] = _whole(stream["f"])
    # Rebuilds the stream (values: _leaf_stream with np.random.default_rng(seed)) and
    # Santa's noise (np.random.seed(seed) before construction).
    shown["seed"] = stream["seed"]
    return shown


def check_trajectory(target, entry, stream):
    call_shown = "update(grad_w, grad_b, t=step)"
    component, got = _run_stream(lambda: construct(target, entry, entry.published), stream)
    return _verdict(entry, component, got, lambda flags: _reference_on_stream(entry, flags, stream),
                    f"{call_shown} over a {len(got[0])}-step stream", _shown(stream, call_shown))


def check_no_step_count(target, entry, stream):
    call_shown = "update(grad_w, grad_b)"
    make = lambda: construct(target, entry, entry.published)  # noqa: E731
    try:
        _, with_step = _run_stream(make, stream)
    except PortedFailure:
        return None  # a crash with t is the trajectory check's finding
    _, without_step = _run_stream(make, stream, pass_step=False)
    disagreement = _first_disagreement(without_step, with_step, tolerance(np.float64, "update", entry.tolerances))
    if disagreement is None:
        return None
    num_steps = len(with_step[0])
    return _defect(f"{call_shown} over a {num_steps}-step stream", disagreement,
                   "the same calls with t=step", num_steps, _shown(stream, call_shown))


# Closed loops on a JAX objective -----------------------------------------------------


def _quadratic_problem():
    """A well-conditioned least-squares problem with a known minimum: A's
    singular values 2, 1.5, 1 (curvature 1 to 4), the optimum ~0.1 from the
    start (a few hundred steps of size 1e-3 reach it), and Y = A w* + a residual
    orthogonal to A's range, so the minimum is 0.5 ||residual||^2."""
    rng = np.random.default_rng(20240531)
    q, _ = np.linalg.qr(rng.standard_normal((6, 3)))
    residual = 0.1 * rng.standard_normal((6, 2))
    residual -= q @ (q.T @ residual)
    a = q * np.array([2.0, 1.5, 1.0])
    y = a @ (0.1 * rng.standard_normal((3, 2))) + residual
    c = 0.1 * rng.standard_normal(4)
    return jnp.asarray(a), jnp.asarray(y), jnp.asarray(c), 0.5 * float(np.sum(residual * residual))


_A, _Y, _C, MINIMUM = _quadratic_problem()
PARAMS0 = {"w": np.zeros((3, 2)), "b": np.zeros(4)}


def quadratic_loss(params):
    """0.5 ||A w - Y||^2 + 0.5 ||b - c||^2, w (3, 2) and a bias b (4,) that does not broadcast against it."""
    residual = _A @ params["w"] - _Y
    return 0.5 * jnp.sum(residual * residual) + 0.5 * jnp.sum((params["b"] - _C) ** 2)


_loss_and_gradient = jax.jit(jax.value_and_grad(quadratic_loss))
_loss = jax.jit(quadratic_loss)
NOISE_SEED = 1234
JAX_GRADIENT_STEPS = 25
# ~100 ulps at the parameters' scale: more than the round-off of a few steps.
ROUND_OFF_START = 1e-14
CONVERGENCE_STEPS = 300


def _partial_gradient(parameter):
    """dfw or dfb of the article's look-ahead API: the gradient at (w, b), by jax.grad."""
    def gradient(w, b):
        return np.asarray(_loss_and_gradient({"w": jnp.asarray(w), "b": jnp.asarray(b)})[1][parameter])
    return gradient


def _descend(target, entry, num_steps):
    """The ported closed loop from PARAMS0: (component, (steps_w, steps_b), final loss - MINIMUM)."""
    w, b = PARAMS0["w"].copy(), PARAMS0["b"].copy()
    steps = []
    with _global_noise(NOISE_SEED):
        component = construct(target, entry, entry.published)
        for k in range(num_steps):
            loss, grads = _loss_and_gradient({"w": w, "b": b})
            kwargs = {"t": k + 1}
            if "f" in _needs(entry):
                kwargs["f"] = float(loss)
            if entry.lookahead is not None:
                kwargs.update(w=w, b=b, dfw=_partial_gradient("w"), dfb=_partial_gradient("b"))
            dw, db = _update(component, np.asarray(grads["w"]), np.asarray(grads["b"]), **kwargs)
            steps.append((dw, db))
            w, b = w + dw, b + db
    got = tuple(np.stack([s[i] for s in steps]).reshape(num_steps, -1) for i in (0, 1))
    return component, got, float(_loss({"w": w, "b": b})) - MINIMUM


def _reference_descent(entry, flags, start_offset=0.0):
    """The reference's closed loop from PARAMS0 + start_offset, CONVERGENCE_STEPS
    long (computed once per configuration): ((steps_w, steps_b), final loss - MINIMUM)."""
    kwargs = entry.reference_kwargs({**(entry.lookahead or {}), **flags})
    return _cached_descent(entry.name, tuple(sorted(kwargs.items())), start_offset)


@functools.lru_cache(maxsize=None)
def _cached_descent(name, kwargs_items, start_offset):
    kwargs = dict(kwargs_items)
    noise = {}
    if "noise" in _needs_of(R.REFERENCE[name]):
        shapes = (PARAMS0["w"].shape, PARAMS0["b"].shape)
        initial, per_step = _replayed_noise(NOISE_SEED, shapes, CONVERGENCE_STEPS, kwargs["burnin"])
        noise = {"noise_init": dict(zip("wb", initial)), "noise": dict(zip("wb", per_step))}
    start = {p: value + start_offset for p, value in PARAMS0.items()}
    run = R.reference_descent(name, quadratic_loss, start, CONVERGENCE_STEPS, **noise, **kwargs)
    steps = tuple(run["steps"][p].reshape(CONVERGENCE_STEPS, -1) for p in "wb")
    final = {p: run["params"][p][-1] for p in "wb"}
    return steps, float(_loss(final)) - MINIMUM


def _closed_loop_call(entry):
    if entry.lookahead is not None:
        return "update(grad_w, grad_b, t=step, w=w, b=b, dfw=dfw, dfb=dfb) (the look-ahead API)"
    return "update(grad_w, grad_b, t=step, f=loss)" if "f" in _needs(entry) else "update(grad_w, grad_b, t=step)"


def _reproducible_steps(entry, flags):
    """The reference's closed-loop steps as far as they are reproducible: up to
    the step where a start moved by ROUND_OFF_START already changes them past the
    tolerance (beyond it the dynamics, not the code, decide the digits)."""
    steps = tuple(s[:JAX_GRADIENT_STEPS] for s in _reference_descent(entry, flags)[0])
    moved = tuple(s[:JAX_GRADIENT_STEPS] for s in _reference_descent(entry, flags, ROUND_OFF_START)[0])
    diverged = _first_disagreement(moved, steps, tolerance(np.float64, "update", entry.tolerances))
    horizon = JAX_GRADIENT_STEPS if diverged is None else diverged["step"] - 1
    return tuple(s[:horizon] for s in steps)


def check_jax_gradients(target, entry, example):
    component, got, _ = _descend(target, entry, JAX_GRADIENT_STEPS)
    context = {"call": _closed_loop_call(entry), "objective": quadratic_loss.__doc__, "start": "w = 0, b = 0"}

    return _verdict(entry, component, got, lambda flags: _reproducible_steps(entry, flags),
                    f"a {JAX_GRADIENT_STEPS}-step closed loop on jax.grad gradients", context)


# The ported's final gap to the minimum may exceed the reference's by this
# factor (a smoke test, not a trajectory comparison); gaps below this fraction
# of the initial gap count as converged (round-off decides below it).
CONVERGENCE_FACTOR = 10.0
CONVERGED_FRACTION = 1e-12


def check_convergence(target, entry, example):
    component, _, gap = _descend(target, entry, CONVERGENCE_STEPS)
    initial = float(_loss(PARAMS0)) - MINIMUM
    # Every configuration the ported may legitimately follow; it must do as well as the weakest.
    declared = getattr(component, "variant", None)
    configurations = [declared] if declared is not None else [{}, entry.variants]
    reference = float(np.max([_reference_descent(entry, flags)[1] for flags in configurations]))
    if not np.isfinite(reference):
        return None  # the algorithm itself does not converge here: nothing to hold the ported to
    threshold = CONVERGENCE_FACTOR * max(reference, CONVERGED_FRACTION * initial)
    if gap <= threshold:
        return None
    counterexample = {"call": _closed_loop_call(entry), "objective": quadratic_loss.__doc__, "minimum": MINIMUM,
                      "steps": CONVERGENCE_STEPS, "initial_gap": initial, "ported": gap, "reference": reference,
                      "threshold": threshold}
    where = (f"after {CONVERGENCE_STEPS} steps on a convex quadratic, loss - minimum is {gap:.3g} "
             f"(from {initial:.3g}) where the reference reaches {reference:.3g}")
    if not np.isfinite(gap):
        return _failure("non-finite", where, counterexample, np.inf)
    return _failure("wrong-update", f"{where}: the ported must come within a factor {CONVERGENCE_FACTOR:g}",
                    counterexample, gap / reference - 1 if reference else np.inf)


# Construction and dtype -----------------------------------------------------------


def _builder(target, entry):
    """How a user builds the optimizer: (callable taking keywords, label). The
    registry when it knows the name, else the class (the registry check reports that)."""
    function = REGISTRIES[entry.kind]
    registry = getattr(target.module, function, None)
    if registry is not None:
        try:
            call(f"{function}({entry.name!r})", registry, entry.name)
            return functools.partial(registry, entry.name), f"{function}({entry.name!r}, ...)"
        except PortedFailure:
            pass
    cls = getattr(target.module, entry.class_name, None)
    if cls is None:
        raise PortedFailure("api", f"{target.name} has no {entry.class_name} and its registry gives no {entry.name!r}")
    return cls, f"{entry.class_name}(...)"


def _changed(value):
    return value / 2 if value else -0.5


def check_registry_kwargs(target, entry, example):
    build, label = _builder(target, entry)
    first = next(iter(entry.published))
    misspelt = first + first[-1]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            build(**entry.published, **{misspelt: 0.1})
    except TypeError:
        pass
    except Exception as error:  # whatever the code under audit raises
        return _failure("api", f"{label} with the misspelt keyword {misspelt}=0.1 raises {type(error).__name__} "
                               f"({error}), not TypeError")
    else:
        return _failure("api", f"{label} accepts the misspelt keyword {misspelt}=0.1 and silently ignores it "
                               f"({first} keeps {entry.published[first]!r})", {"keyword": misspelt})
    stream = probe_stream(entry)
    tol = tolerance(np.float64, "update", entry.tolerances)
    _, default_steps = _run_stream(lambda: call(label, build, **entry.published), stream)
    for key, value in entry.published.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            continue
        changed = {**entry.published, key: _changed(value)}
        if _first_disagreement(_reference_on_stream(entry, {}, stream, changed),
                               _reference_on_stream(entry, {}, stream), tol) is None:
            continue  # the algorithm makes no use of it on this stream
        _, changed_steps = _run_stream(lambda: call(label, build, **changed), stream)
        if all(np.array_equal(a, b, equal_nan=True) for a, b in zip(changed_steps, default_steps)):
            return _failure("api", f"{label} with {key}={changed[key]!r} takes the same steps as with "
                                   f"{key}={value!r}: the keyword is ignored",
                            {"keyword": key, "values": [value, changed[key]]})
    return None


def check_step_dtype(target, entry, example):
    stream = probe_stream(entry, dtype=np.float32)
    _, (steps_w, steps_b) = _run_stream(lambda: construct(target, entry, entry.published), stream)
    # Stacked over the steps: any step of a wider dtype shows in the stack's dtype.
    results = {"dw": steps_w.dtype, "db": steps_b.dtype}
    wrong = {name: dtype for name, dtype in results.items() if dtype != np.float32}
    if not wrong:
        return None
    integer = any(dtype.kind not in "f" for dtype in wrong.values())
    return _failure("dtype", "float32 gradients give " + ", ".join(f"{d.name} {n}" for n, d in wrong.items()),
                    {"call": "update(grad_w, grad_b, t=step)", "gradients": "float32",
                     "results": [f"{n}: {d.name}" for n, d in results.items()]},
                    relative_error=1.0 if integer else 0.0)


def applies(entry):
    return entry.kind == "optimizer"
