"""The checks: each states one promise a hand-written component makes, and
tests it on one example against an oracle.

A check's ``evaluate(target, entry, example)`` returns ``None``, a
:class:`Failure`, or a :class:`Comparison` (ported values against an oracle,
point by point), which ``Comparison.failure()`` turns into the worst
counterexample.  Scalar checks also run on a dense sweep (``sweeps=True``):
the same ``evaluate`` applied to a whole grid maps *where* the promise fails.

The promises (DESIGN.md, "Contracts"):

forward                    ``forward(x)`` is the function (losses: ``forward(y, t)``)
backward                   ``backward(x, y)`` is its derivative (row-wise: the Jacobian diagonal),
                           against autodiff
backward-finite-difference the same, against central differences of the ported forward
*-finite                   forward, backward, d2y are finite wherever the truth is (the
                           other checks leave non-finite points to these: one category a check)
vjp                        the vector-Jacobian product a caller forms, ``vjp(x, g)`` where the
                           component has one, else ``g * backward(x, y)``, against autodiff
second-derivative          ``d2y(x)`` against autodiff of autodiff
batch                      a 2-D batch gives the same rows as row-by-row calls
kinks                      at a non-differentiable point, value and derivative lie between
                           the one-sided limits (any subgradient is valid)
dtype                      results are floating, of the input's floating dtype
total-error                a loss's ``total_error()`` is the mean per-element loss
registry                   the registry builds the component with its default arguments
trajectory, no-step-count, jax-gradients, registry-kwargs, step-dtype, convergence
                           an optimizer's steps against the published algorithm: see optimizer_checks.py
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from . import high_precision, layers, optimizer_checks as optimizer, oracles
from .domains import examples, parameters
from .targets import REGISTRIES, PortedFailure, as_array, call, construct
from .tolerances import tolerance


class ReferenceDispute(AssertionError):
    """The JAX reference and the high-precision oracle disagree: a bug in gradaudit."""


@dataclass
class Failure:
    category: str
    summary: str
    counterexample: dict = field(default_factory=dict)
    relative_error: float = np.inf
    settle: Callable | None = None  # adds the high-precision value; called once, on the final counterexample

    def settled(self) -> "Failure":
        if self.settle is not None:
            self.settle(self.counterexample)
            self.settle = None
        return self


@dataclass
class Comparison:
    """Ported values against an oracle's, at the same points.

    ``inputs`` and ``others`` map labels to arrays of the same shape as ``got``;
    ``high_precision(index)`` gives the mpmath value at a point, if the
    component has one, to settle disputes and to show in the counterexample.
    """

    what: str
    oracle: str
    category: str
    inputs: dict
    got: np.ndarray
    want: np.ndarray
    excess: np.ndarray
    others: dict = field(default_factory=dict)
    high_precision: Callable | None = None
    context: dict = field(default_factory=dict)  # whole-example values shown as they are (parameters, ...)

    @property
    def bad(self) -> np.ndarray:
        return self.excess > 1.0

    def failure(self) -> Failure | None:
        bad = self.bad.reshape(-1)
        if not bad.any():
            return None
        excess = self.excess.reshape(-1)
        index = int(np.argmax(np.where(bad, excess, -1.0)))
        got = float(np.asarray(self.got, dtype=np.float64).reshape(-1)[index])
        want = float(np.asarray(self.want, dtype=np.float64).reshape(-1)[index])
        at = {label: float(np.asarray(v, dtype=np.float64).reshape(-1)[index]) for label, v in self.inputs.items()}
        counterexample = {**{k: _whole(v) for k, v in {**self.inputs, **self.context}.items()}, "at": at,
                          "ported": got, self.oracle: want}
        for label, values in self.others.items():
            counterexample[label] = float(np.asarray(values, dtype=np.float64).reshape(-1)[index])
        settle = None
        if self.high_precision is not None:
            def settle(shown, index=index):
                shown["high_precision"] = precise = self.high_precision(index)
                _settle(self, got, want, precise, at)
        where = ", ".join(f"{k}={v!r}" for k, v in at.items())
        with np.errstate(all="ignore"):
            relative = abs(got - want) / abs(want) if want != 0 else abs(got - want)
        if not np.isfinite(got) and np.isfinite(want):
            summary = f"{self.what} gives {got} at {where}, where the true value is {want:.17g}"
        else:
            summary = (f"{self.what} gives {got:.17g} at {where}; {self.oracle} gives {want:.17g} "
                       f"(relative error {relative:.3g})")
        return Failure(self.category, summary, counterexample, float(relative), settle)


def _whole(value):
    array = np.asarray(value)
    return array.tolist() if array.size <= 64 else f"array{array.shape}"


def _settle(comparison, got, want, precise, at):
    """If the ported value matches mpmath while the JAX reference does not, the
    reference is wrong: stop, this is gradaudit's bug, not the code's."""
    if precise is None or not np.isfinite(precise):
        return
    tol = tolerance(np.float64, "value")
    if not tol.fails(got, precise) and tol.fails(want, precise):
        raise ReferenceDispute(f"{comparison.what} at {at}: reference {comparison.oracle} gives {want!r}, "
                               f"high precision {precise!r}, ported {got!r}: suspect the reference")


@dataclass(frozen=True)
class Check:
    name: str
    applies: Callable                 # entry -> bool
    evaluate: Callable                # (target, entry, example) -> Failure | Comparison | None
    examples: Callable | None = None  # entry -> strategy; None: run once on ``probe_example``
    sweeps: bool = False              # also run on the dense grid (scalar entries)

    def __repr__(self):
        return self.name


# Helpers ----------------------------------------------------------------------

_FLOATS = (np.float64, np.float32)


def _oracle(entry, example):
    """The reference's float64 values at the example: (value, derivative, extra)."""
    params = entry.parameters(example["params"])
    if entry.kind == "loss":
        value, derivative = oracles.loss_derivatives(entry.reference, example["y"], example["t"])
        return value, derivative, None
    x = example["x"]
    if entry.shape == "row":
        upstream = example.get("upstream", np.ones_like(x, dtype=np.float64))
        return oracles.row_derivatives(entry.reference, x, upstream, params)
    return oracles.scalar_derivatives(entry.reference, x, params)


def _precise(entry, example, order):
    """A high-precision oracle for a scalar entry at flat index i, or None."""
    if entry.shape == "row" or entry.name not in high_precision.SCALAR:
        return None
    params = entry.parameters(example["params"])
    if entry.kind == "loss":
        y, t = (np.broadcast_to(example[k], example["y"].shape).reshape(-1) for k in ("y", "t"))
        if order == 0:
            return lambda i: high_precision.value(entry.name, y[i], t[i])
        return lambda i: high_precision.derivative(entry.name, y[i], t[i], order=order)
    x = np.asarray(example["x"]).reshape(-1)
    if order == 0:
        return lambda i: high_precision.value(entry.name, x[i], **params)
    return lambda i: high_precision.derivative(entry.name, x[i], order=order, **params)


def _at_kink(entry, example):
    """Points that sit on a kink, in the input's own precision (a float32 input
    equal to the float32-rounded kink is on it, whatever float64 says)."""
    x = example.get("x")
    if x is None:
        return np.zeros(np.shape(example["y"]), dtype=bool)
    kinks = np.asarray(entry.kinks(entry.parameters(example["params"])), dtype=np.float64)
    if kinks.size == 0:
        return np.zeros(np.shape(x), dtype=bool)
    return np.isin(x, kinks.astype(x.dtype)) | np.isin(np.asarray(x, dtype=np.float64), kinks)


def _near_kink(entry, example, step):
    x = np.asarray(example["x"], dtype=np.float64)
    kinks = np.asarray(entry.kinks(entry.parameters(example["params"])), dtype=np.float64)
    if kinks.size == 0:
        return np.zeros(x.shape, dtype=bool)
    return np.min(np.abs(x[..., None] - kinks), axis=-1) <= 4 * step


def _inputs(entry, example):
    if entry.kind == "loss":
        return {"y": example["y"], "t": np.broadcast_to(example["t"], np.shape(example["y"]))}
    return {"x": example["x"]}


def _forward(target, entry, example):
    """(component, forward output) for the example, through safe calls."""
    component = construct(target, entry, example["params"])
    if entry.kind == "loss":
        y, t = example["y"], example["t"]
        return component, as_array("forward(y, t)", call("forward(y, t)", component.forward, y, t), y.shape)
    x = example["x"]
    return component, as_array("forward(x)", call("forward(x)", component.forward, x), x.shape)


def _backward(target, entry, example):
    component, y = _forward(target, entry, example)
    if entry.kind == "loss":
        return component, as_array("backward()", call("backward()", component.backward), y.shape)
    x = example["x"]
    return component, as_array("backward(x, y)", call("backward(x, y)", component.backward, x, y), x.shape)


def _overflowed(got, want):
    """Non-finite where the truth is finite: the ``finite`` check's business, so
    the value checks leave those points to it (one category per check)."""
    return ~np.isfinite(np.asarray(got, dtype=np.float64)) & np.isfinite(want)


def _compare(what, oracle, category, entry, example, got, want, kind, others=None, precise=None, ignore=None):
    dtype = np.asarray(got).dtype if np.asarray(got).dtype in _FLOATS else np.float64
    input_dtype = np.asarray(example.get("x", example.get("y"))).dtype
    tol = tolerance(input_dtype if input_dtype in _FLOATS else dtype, kind, entry.tolerances)
    excess = tol.excess(got, want)
    if ignore is not None:
        excess = np.where(ignore, 0.0, excess)
    if category != "non-finite":
        excess = np.where(_overflowed(got, want), 0.0, excess)
    context = {"params": example["params"]} if example.get("params") else {}
    return Comparison(what, oracle, category, _inputs(entry, example), np.asarray(got), want, excess,
                      others or {}, precise, context)


# The checks -------------------------------------------------------------------

def _check_forward(target, entry, example):
    _, got = _forward(target, entry, example)
    want = _oracle(entry, example)[0]
    return _compare("forward", "reference", "wrong-value", entry, example, got, want, "value",
                    precise=_precise(entry, example, 0), ignore=_at_kink(entry, example))


def _check_backward(target, entry, example):
    _, got = _backward(target, entry, example)
    want = _oracle(entry, example)[1]
    what = "backward (Jacobian diagonal)" if entry.shape == "row" else "backward"
    return _compare(what, "autodiff", "wrong-derivative", entry, example, got, want, "derivative",
                    precise=_precise(entry, example, 1), ignore=_at_kink(entry, example))


def _check_backward_finite_difference(target, entry, example):
    component, got = _backward(target, entry, example)

    def ported(label, *args):
        # The stencil's forward calls go through the same shape check as any other call.
        return as_array(label, call(label, component.forward, *args), np.shape(args[0]))

    if entry.kind == "loss":
        t = example["t"]
        fd, error = oracles.finite_difference_derivative(
            lambda ys: ported("forward(y, t)", ys, np.broadcast_to(t, ys.shape).copy()), example["y"])
        near = np.zeros(got.shape, dtype=bool)
    elif entry.shape == "row":
        fd, error = oracles.finite_difference_diagonal(lambda row: ported("forward(x)", row), example["x"])
        near = np.zeros(got.shape, dtype=bool)
    else:
        fd, error = oracles.finite_difference_derivative(lambda xs: ported("forward(x)", xs), example["x"])
        near = _near_kink(entry, example, oracles.finite_difference_step(example["x"]))
    tol = tolerance(np.float64, "finite-difference", entry.tolerances)
    with np.errstate(all="ignore"):
        scale = tol.atol + tol.rtol * np.abs(fd) + 2 * error
        excess = np.abs(np.asarray(got, dtype=np.float64) - fd) / scale
        excess = np.where(np.asarray(got, dtype=np.float64) == fd, 0.0, excess)
    # Where finite differences are themselves unreliable (overflow, a kink in
    # the stencil, an error estimate as large as the value) they judge nothing.
    unreliable = ~np.isfinite(fd) | ~np.isfinite(error) | (error > 0.1 * np.abs(fd)) | near | _overflowed(got, fd)
    excess = np.where(unreliable, 0.0, np.where(np.isnan(excess), np.inf, excess))
    return Comparison("backward", "finite_difference", "wrong-derivative", _inputs(entry, example),
                      np.asarray(got), fd, excess, {"finite_difference_error": error})


def _finite(output):
    """The check that ``output`` (forward, backward or d2y) is finite wherever the truth is."""

    def evaluate(target, entry, example):
        value, derivative, extra = _oracle(entry, example)
        if output == "forward":
            _, got = _forward(target, entry, example)
            want, what = value, "forward"
        elif output == "backward":
            _, got = _backward(target, entry, example)
            want, what = derivative, "backward"
        else:
            component = construct(target, entry, example["params"])
            if not hasattr(component, "d2y"):
                return None  # reported by the second-derivative check
            x = example["x"]
            got, want, what = as_array("d2y(x)", call("d2y(x)", component.d2y, x), x.shape), extra, "d2y"
        return Comparison(what, "reference", "non-finite", _inputs(entry, example), np.asarray(got), want,
                          np.where(_overflowed(got, want), np.inf, 0.0))

    return evaluate


def _check_vjp(target, entry, example):
    component, y = _forward(target, entry, example)
    x, upstream = example["x"], example["upstream"]
    if hasattr(component, "vjp"):
        what = "vjp(x, g)"
        got = as_array(what, call(what, component.vjp, x, upstream), x.shape)
    else:
        what = "g * backward(x, y)"
        diagonal = as_array("backward(x, y)", call("backward(x, y)", component.backward, x, y), x.shape)
        with np.errstate(all="ignore"):
            got = upstream * diagonal
    want = _oracle(entry, example)[2]
    comparison = _compare(what, "autodiff", "wrong-derivative", entry, example, got, want, "derivative")
    comparison.inputs["g"] = upstream  # same shape as x: shown point by point
    return comparison


def _check_second_derivative(target, entry, example):
    component = construct(target, entry, example["params"])
    x = example["x"]
    if not hasattr(component, "d2y"):
        return Failure("api", f"{entry.class_name} has no d2y(x), which the audited API promises")
    got = as_array("d2y(x)", call("d2y(x)", component.d2y, x), x.shape)
    want = _oracle(entry, example)[2]
    return _compare("d2y", "autodiff", "wrong-second-derivative", entry, example, got, want, "second-derivative",
                    precise=_precise(entry, example, 2), ignore=_at_kink(entry, example))


def _check_batch(target, entry, example):
    component, batched = _forward(target, entry, example)
    if entry.kind == "loss":
        y, t = example["y"], example["t"]
        rows = [as_array("forward(y, t)", call("forward(y, t) on one row", component.forward, y[i], t[i]), y[i].shape)
                for i in range(len(y))]
        return _compare("forward on a batch", "row_by_row", "batch-inconsistency", entry, example,
                        batched, np.stack(rows), "batch")
    x = example["x"]
    methods = [("forward", lambda v: component.forward(v))]
    methods.append(("backward", lambda v: component.backward(v, component.forward(v))))
    if entry.second_order and hasattr(component, "d2y"):
        methods.append(("d2y", lambda v: component.d2y(v)))
    for name, method in methods:
        whole = as_array(f"{name} on a batch", call(f"{name} on a batch", method, x), x.shape)
        rows = np.stack([as_array(f"{name} on one row", call(f"{name} on one row", method, row), row.shape)
                         for row in x])
        comparison = _compare(f"{name} on a {x.shape[0]}-row batch", "row_by_row", "batch-inconsistency",
                              entry, example, whole, rows, "batch")
        if comparison.bad.any():
            return comparison
    return None


def _check_kinks(target, entry, example):
    params = entry.parameters(example["params"])
    component = construct(target, entry, example["params"])
    for kink in entry.kinks(params):
        x = np.array([kink])
        delta = 1e-9 * max(1.0, abs(kink))
        sides = np.array([kink - delta, kink + delta])
        value, slope, _ = oracles.scalar_derivatives(entry.reference, sides, params)
        y = as_array("forward(x)", call("forward(x)", component.forward, x), x.shape)
        dy = as_array("backward(x, y)", call("backward(x, y)", component.backward, x, y), x.shape)
        # The value at the kink may be anything between the one-sided limits,
        # which are f(k -+ delta) corrected by at most delta * |f'|.
        slack = delta * np.max(np.abs(slope)) + 1e-12
        for what, category, got, limits, margin in (
            ("forward", "wrong-value", float(y[0]), value, slack),
            ("backward", "wrong-derivative", float(dy[0]), slope, 1e-12),
        ):
            low, high = limits.min() - margin, limits.max() + margin
            if not low <= got <= high:
                return Failure(category, f"{what} at the kink x={kink!r} gives {got!r}, outside the one-sided "
                               f"limits [{low:.17g}, {high:.17g}]",
                               {"x": kink, "params": params, "ported": got,
                                "left_limit": float(limits[0]), "right_limit": float(limits[1])})
    return None


def probe_example(entry, dtype=np.float64) -> dict:
    """A fixed, ordinary example for the checks that need no search."""
    params = {name: entry.published[name] for name in entry.domain.required}
    if entry.kind == "loss":
        # Interior points of the domain (clipped to [-3, 3]), targets in reverse order.
        y = np.linspace(*np.clip((entry.domain.low, entry.domain.high), -3.0, 3.0), 7)[1:-1].astype(dtype)
        t = np.linspace(*np.clip(entry.domain.target, -3.0, 3.0), 7)[1:-1].astype(dtype)
        return {"y": y, "t": t[::-1].copy(), "params": params}
    return {"x": np.array([-2.7, -1.3, -0.4, 0.3, 1.1, 2.2], dtype=dtype), "params": params}


def _check_dtype(target, entry, example):
    problems = []
    for dtype in _FLOATS:
        probe = {**probe_example(entry, dtype), "params": example["params"]}
        component, y = _forward(target, entry, probe)
        results = [("forward", y)]
        if entry.kind == "loss":
            results.append(("backward", call("backward()", component.backward)))
        else:
            results.append(("backward", call("backward(x, y)", component.backward, probe["x"], y)))
            if entry.second_order and hasattr(component, "d2y"):
                results.append(("d2y", call("d2y(x)", component.d2y, probe["x"])))
        for name, result in results:
            got = np.asarray(result).dtype
            if got != dtype:
                problems.append((name, np.dtype(dtype).name, got.name, got.kind not in "f"))
    if not problems:
        return None
    summary = "; ".join(f"{name} returns {got} for {given} input" for name, given, got, _ in problems)
    integer = any(p[3] for p in problems)
    return Failure("dtype", summary, {"probe": probe_example(entry)["x" if entry.kind != "loss" else "y"].tolist(),
                                      "results": [f"{n}: {g} -> {r}" for n, g, r, _ in problems]},
                   relative_error=1.0 if integer else 0.0)


def _check_total_error(target, entry, example):
    component, y = _forward(target, entry, example)
    got = float(np.asarray(call("total_error()", component.total_error), dtype=np.float64))
    want = float(np.mean(_oracle(entry, example)[0]))
    return _compare("total_error()", "mean_of_reference", "wrong-value", entry, example,
                    np.array(got), np.array(want), "value")


def _check_registry(target, entry, example):
    function = REGISTRIES[entry.kind]
    registry = getattr(target.module, function, None)
    if registry is None:
        return Failure("api", f"{target.name} has no {function}()")
    component = call(f"{function}({entry.name!r})", registry, entry.name)
    cls = getattr(target.module, entry.class_name, None)
    if cls is not None and not isinstance(component, cls):
        return Failure("api", f"{function}({entry.name!r}) builds a {type(component).__name__}, "
                              f"not a {entry.class_name}")
    return None


def _strategy(**options):
    def build(entry):
        if entry.shape == "row" and "batched" not in options:
            return examples(entry.domain, batched=False, **options)
        return examples(entry.domain, **options)
    return build


def _function(entry):
    """Activations and losses: optimizers (``optimizer_checks``) and layers with
    weights (``layers``) have checks of their own."""
    return entry.kind in ("activation", "loss") and entry.shape != "layer"


def _layer(entry):
    return entry.shape == "layer"


CHECKS = (
    Check("forward", _function, _check_forward, _strategy(dtypes=_FLOATS), sweeps=True),
    Check("backward", _function, _check_backward, _strategy(dtypes=_FLOATS), sweeps=True),
    Check("backward-finite-difference", _function, _check_backward_finite_difference, _strategy(), sweeps=True),
    Check("forward-finite", _function, _finite("forward"), _strategy(dtypes=_FLOATS), sweeps=True),
    Check("backward-finite", _function, _finite("backward"), _strategy(dtypes=_FLOATS), sweeps=True),
    Check("second-derivative-finite", lambda e: _function(e) and e.second_order, _finite("d2y"),
          _strategy(dtypes=_FLOATS),
          sweeps=True),
    Check("vjp", lambda e: e.shape == "row", _check_vjp, _strategy(upstream=True)),
    Check("second-derivative", lambda e: _function(e) and e.second_order, _check_second_derivative, _strategy(),
          sweeps=True),
    Check("batch", _function, _check_batch, _strategy(batched=True)),
    Check("kinks", lambda e: _function(e) and bool(e.kinks(e.published)), _check_kinks,
          lambda e: parameters(e.domain).map(lambda p: {"params": p})),
    Check("dtype", _function, _check_dtype),
    Check("total-error", lambda e: e.kind == "loss", _check_total_error, _strategy()),
    Check("registry", lambda e: e.registered, _check_registry),
    # Layers with weights (layers.py): maxout.
    Check("layer-forward", _layer, layers.check_forward, lambda e: layers.layer_examples()),
    Check("layer-backward", _layer, layers.check_backward, lambda e: layers.layer_examples()),
    # Optimizers (optimizer_checks.py): steps against the reference algorithms.
    Check("trajectory", optimizer.applies, optimizer.check_trajectory, optimizer.gradient_streams),
    Check("no-step-count", optimizer.applies, optimizer.check_no_step_count, optimizer.gradient_streams),
    Check("jax-gradients", optimizer.applies, optimizer.check_jax_gradients),
    Check("registry-kwargs", lambda e: optimizer.applies(e) and e.registered, optimizer.check_registry_kwargs),
    Check("step-dtype", optimizer.applies, optimizer.check_step_dtype),
    Check("convergence", optimizer.applies, optimizer.check_convergence),
)


def check(name: str) -> Check:
    for candidate in CHECKS:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no check named {name!r}; known: {', '.join(c.name for c in CHECKS)}")

