"""Layers with parameters of their own: the article's maxout.

maxout is not an elementwise activation: it owns weights ``w`` (n_prev, n*k)
and biases ``b`` (n*k,), and ``y_i = max_j (w^T x + b)_{i,j}`` over groups of
``k``.  Its promises get their own checks: ``forward`` against the definition
with the layer's own weights, and ``backward(g)`` (which returns dL/dx for the
upstream gradient ``g``) against the JAX vector-Jacobian product.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from .domains import reals
from .targets import as_array, call, construct
from .tolerances import tolerance


def maxout(x, w, b, n, k):
    return jnp.max((x @ w + b).reshape(n, k), axis=1)


@functools.partial(jax.jit, static_argnames=("n", "k"))
def _vjp(x, w, b, g, n, k):
    # Compiled once per layer shape: Hypothesis draws at most 36 of them.
    _, pullback = jax.vjp(lambda v: maxout(v, w, b, n, k), x)
    return pullback(g)[0]


@st.composite
def layer_examples(draw):
    n_prev, n, k = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    values = reals(-10.0, 10.0)
    return {
        "params": {"n_prev": n_prev, "n": n, "k": k},
        "x": draw(hnp.arrays(np.float64, (n_prev,), elements=values, fill=st.nothing())),
        "upstream": draw(hnp.arrays(np.float64, (n,), elements=values, fill=st.nothing())),
    }


def _layer(target, entry, example):
    """The ported layer after a forward pass, its weights, and its output."""
    component = construct(target, entry, example["params"])
    w = np.asarray(getattr(component, "w", None), dtype=np.float64)
    b = np.asarray(getattr(component, "b", None), dtype=np.float64)
    n = example["params"]["n"]
    y = as_array("forward(x)", call("forward(x)", component.forward, example["x"]), (n,))
    return component, w, b, y


def check_forward(target, entry, example):
    from .checks import Comparison, Failure

    _, w, b, y = _layer(target, entry, example)
    params = example["params"]
    if w.shape != (params["n_prev"], params["n"] * params["k"]) or b.shape != (params["n"] * params["k"],):
        return Failure("api", f"maxout keeps w of shape {w.shape} and b of shape {b.shape}; "
                              "expected (n_prev, n*k) and (n*k,)")
    want = np.asarray(maxout(example["x"], w, b, params["n"], params["k"]))
    excess = tolerance(np.float64, "value").excess(y, want)
    # Outputs are indexed by unit; the input and weights are shown whole.
    return Comparison("forward", "reference", "wrong-value", {"unit": np.arange(params["n"])}, y, want, excess,
                      context={"x": example["x"], "params": params, "w": w, "b": b})


def check_backward(target, entry, example):
    from .checks import _compare

    component, w, b, _ = _layer(target, entry, example)
    params, x = example["params"], example["x"]
    got = as_array("backward(g)", call("backward(g)", component.backward, example["upstream"]), x.shape)
    want = np.asarray(_vjp(x, w, b, example["upstream"], n=params["n"], k=params["k"]))
    comparison = _compare("backward(g)", "autodiff", "wrong-derivative", entry, example, got, want, "derivative")
    comparison.context.update(g=example["upstream"], w=w, b=b)
    return comparison
