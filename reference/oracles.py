"""The oracles: JAX autodiff of the definitions, finite differences of the ported
forward, and (in ``high_precision``) mpmath.

Autodiff oracles are compiled once per entry and bucketed shape: inputs are
flattened (scalar functions) or stacked as rows (row-wise functions), padded
to a power-of-two length with a copy of their first element, pushed through
one ``jit(vmap(...))`` call that returns every derivative the checks need,
and cut back.  A Hypothesis example thus costs one compiled call, not a
fresh trace; a sweep of a million points costs a few.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

_MIN_BUCKET = 16
_MAX_BUCKET = 1 << 16


def _bucket(n: int) -> int:
    return max(_MIN_BUCKET, 1 << max(0, n - 1).bit_length())


def _chunks(n: int):
    for start in range(0, n, _MAX_BUCKET):
        yield slice(start, min(n, start + _MAX_BUCKET))


def _pad(array: np.ndarray, length: int) -> np.ndarray:
    """Pad along axis 0 with copies of the first row (always inside the domain)."""
    if len(array) == length:
        return array
    filler = np.repeat(array[:1], length - len(array), axis=0)
    return np.concatenate([array, filler])


def _call_padded(compiled, *arrays):
    """Run ``compiled`` on arrays that share their first axis, bucketed and chunked."""
    n = len(arrays[0])
    pieces = []
    for part in _chunks(n):
        size = part.stop - part.start
        length = _bucket(size) if size <= _MAX_BUCKET else size
        outputs = compiled(*[_pad(a[part], length) for a in arrays])
        pieces.append([np.asarray(o)[:size] for o in outputs])
    return [np.concatenate(column) for column in zip(*pieces)]


@functools.lru_cache(maxsize=None)
def _scalar_oracle(function, param_names: tuple):
    def at_point(x, *params):
        f = lambda u: function(u, **dict(zip(param_names, params)))
        first = jax.grad(f)
        return f(x), first(x), jax.grad(first)(x)

    return jax.jit(jax.vmap(at_point, in_axes=(0,) + (None,) * len(param_names)))


def scalar_derivatives(function, x, params: dict | None = None):
    """Value, first and second derivative of a scalar function, elementwise over ``x``.

    ``x`` may have any shape; the outputs have its shape, in float64.
    """
    params = params or {}
    names = tuple(sorted(params))
    compiled = _scalar_oracle(function, names)
    values = [jnp.float64(params[k]) for k in names]
    x = np.asarray(x, dtype=np.float64)
    flat = x.reshape(-1)
    if flat.size == 0:
        return [np.zeros_like(x)] * 3
    out = _call_padded(lambda xs: compiled(xs, *values), flat)
    return [o.reshape(x.shape) for o in out]


@functools.lru_cache(maxsize=None)
def _row_oracle(function, param_names: tuple):
    def at_row(x, upstream, *params):
        f = lambda u: function(u, **dict(zip(param_names, params)))
        value, pullback = jax.vjp(f, x)
        diagonal = jnp.diagonal(jax.jacfwd(f)(x))
        return value, diagonal, pullback(upstream)[0]

    return jax.jit(jax.vmap(at_row, in_axes=(0, 0) + (None,) * len(param_names)))


def row_derivatives(function, x, upstream, params: dict | None = None):
    """Value, Jacobian diagonal and vector-Jacobian product ``J^T upstream`` of a
    vector function applied along the last axis of ``x``."""
    params = params or {}
    names = tuple(sorted(params))
    compiled = _row_oracle(function, names)
    values = [jnp.float64(params[k]) for k in names]
    x = np.asarray(x, dtype=np.float64)
    rows = x.reshape(-1, x.shape[-1])
    upstream = np.asarray(upstream, dtype=np.float64).reshape(rows.shape)
    out = _call_padded(lambda xs, gs: compiled(xs, gs, *values), rows, upstream)
    return [o.reshape(x.shape) for o in out]


@functools.lru_cache(maxsize=None)
def _loss_oracle(function):
    def at_point(y, t):
        return function(y, t), jax.grad(function)(y, t)

    return jax.jit(jax.vmap(at_point))


def loss_derivatives(function, y, t):
    """Per-element loss and dL/dy, elementwise over ``y`` and ``t``."""
    y, t = np.broadcast_arrays(np.asarray(y, dtype=np.float64), np.asarray(t, dtype=np.float64))
    compiled = _loss_oracle(function)
    out = _call_padded(compiled, y.reshape(-1), t.reshape(-1))
    return [o.reshape(y.shape) for o in out]


# Finite differences ---------------------------------------------------------

EPS64 = np.finfo(np.float64).eps


def finite_difference_step(x, dtype=np.float64, relative=True):
    """Central-difference step: the cube root of the dtype's epsilon (balancing
    truncation error ~h^2 against rounding error ~eps/h), scaled by |x| for
    functions that vary on the scale of their input, or absolute (but at least
    two units in the last place of x) for shift-invariant ones such as softmax.
    The step is then made exactly representable: (x + h) - x == h.
    """
    x = np.asarray(x, dtype=np.float64)
    base = np.cbrt(np.finfo(dtype).eps)
    h = base * np.maximum(np.abs(x), 1.0) if relative else np.maximum(base, 2 * np.spacing(np.abs(x)))
    return (x + h) - x


def finite_difference_derivative(forward, x, step=None):
    """Central finite difference of an elementwise ``forward`` at every element of ``x``.

    Returns ``(derivative, error_estimate)``: the estimate adds the gap between
    steps ``h`` and ``2h`` (truncation) and the rounding error ``eps |f| / h``.
    ``forward`` is called once, on all stencil points at the same time.
    """
    x = np.asarray(x, dtype=np.float64)
    h = finite_difference_step(x) if step is None else np.asarray(step, dtype=np.float64)
    stencil = np.stack([x + h, x - h, x + 2 * h, x - 2 * h])
    with np.errstate(all="ignore"):
        f = np.asarray(forward(stencil), dtype=np.float64)
        narrow = (f[0] - f[1]) / (2 * h)
        wide = (f[2] - f[3]) / (4 * h)
        rounding = EPS64 * np.max(np.abs(f), axis=0) / h
        error = np.abs(narrow - wide) + 4 * rounding
    return narrow, error


def finite_difference_diagonal(forward_row, x, step=None):
    """Jacobian diagonal of a row-wise ``forward_row`` (one 1-D vector per call) by
    central differences, with the same error estimate."""
    x = np.asarray(x, dtype=np.float64)
    h = finite_difference_step(x, relative=False) if step is None else step
    n = x.shape[-1]
    derivative = np.empty(n)
    error = np.empty(n)
    with np.errstate(all="ignore"):
        for i in range(n):
            def partial(offset):
                shifted = x.copy()
                shifted[i] += offset
                return np.asarray(forward_row(shifted), dtype=np.float64)[i]

            plus, minus = partial(h[i]), partial(-h[i])
            plus2, minus2 = partial(2 * h[i]), partial(-2 * h[i])
            derivative[i] = (plus - minus) / (2 * h[i])
            wide = (plus2 - minus2) / (4 * h[i])
            rounding = EPS64 * max(abs(plus), abs(minus), abs(plus2), abs(minus2)) / h[i]
            error[i] = abs(derivative[i] - wide) + 4 * rounding
    # A shift-invariant function varies on a unit scale; once float64 cannot
    # step x by less than a thousandth of that, the stencil no longer sees the
    # local slope and the error estimate cannot be trusted either.
    error[h > 1e-3] = np.inf
    return derivative, error
