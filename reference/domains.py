"""Input domains: Hypothesis strategies for generated examples, grids for sweeps.

Generated inputs are float64 or float32, 1-D or batched 2-D, spread over the
whole range the domain allows (Hypothesis favours boundary and "nasty"
floats, so overflow regions are visited), never subnormal (JAX on CPU flushes
subnormals to zero, which would make the oracle itself wrong).  Upstream
gradients are random, never all ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# float32 examples test precision and dtype behaviour; the overflow regions are
# explored in float64, out to 1e300.  Below 1e18 no square of an input overflows.
FLOAT32_BOUND = float(np.float32(1e18))
ORDINARY = 50.0


@dataclass(frozen=True)
class Domain:
    """Where a component is defined (and its true value finite).

    ``low``/``high`` bound the input (``y`` for a loss); ``target`` bounds a
    loss's ``t``; ``params`` maps constructor parameters Hypothesis may vary to
    their strategies (an example may also keep every default); ``required``
    maps the parameters the constructor cannot do without to theirs.
    """

    low: float = -1e300
    high: float = 1e300
    open_interval: bool = False
    target: tuple | None = None
    params: dict = field(default_factory=dict)
    required: dict = field(default_factory=dict)


def reals(low, high, *, width=64, open_interval=False):
    if width == 32:
        low, high = max(low, -FLOAT32_BOUND), min(high, FLOAT32_BOUND)
    return st.floats(
        low, high, width=width, allow_nan=False, allow_infinity=False, allow_subnormal=False,
        exclude_min=open_interval, exclude_max=open_interval,
    )


def parameters(domain: Domain):
    """The required parameters, plus either the defaults or some drawn optional ones."""
    required = st.fixed_dictionaries(domain.required)
    if not domain.params:
        return required
    return st.one_of(required, st.fixed_dictionaries(domain.required, optional=domain.params))


@st.composite
def examples(draw, domain: Domain, *, dtypes=(np.float64,), batched=None, upstream=False, max_side=5):
    """One example: ``x`` (or ``y`` and ``t`` for a loss), parameters, and for
    row-wise checks a random upstream gradient of ``x``'s shape.

    ``batched=None`` draws 1-D or 2-D shapes; ``True`` forces 2-D, ``False`` 1-D.
    """
    dtype = np.dtype(draw(st.sampled_from(dtypes)))
    two_d = draw(st.booleans()) if batched is None else batched
    shape = (draw(st.integers(1, 3)) + (1 if batched else 0), draw(st.integers(1, max_side))) if two_d else (
        draw(st.integers(1, max_side)),)
    width = 32 if dtype == np.float32 else 64
    # Half the draws from the ordinary range: over the whole of +-1e300 most
    # values are huge, where overflow masks (and finite differences cannot
    # judge) what a formula does near the origin.
    elements = st.one_of(
        reals(max(domain.low, -ORDINARY), min(domain.high, ORDINARY), width=width, open_interval=domain.open_interval),
        reals(domain.low, domain.high, width=width, open_interval=domain.open_interval))
    example = {"params": draw(parameters(domain))}
    # fill=nothing(): every element drawn on its own (the default fill repeats one value).
    example["y" if domain.target else "x"] = draw(hnp.arrays(dtype, shape, elements=elements, fill=st.nothing()))
    if domain.target:
        example["t"] = draw(hnp.arrays(dtype, shape, elements=reals(*domain.target, width=width), fill=st.nothing()))
    if upstream:
        example["upstream"] = draw(hnp.arrays(np.float64, shape, elements=reals(-10, 10), fill=st.nothing()))
    return example


def sweep_grid(domain: Domain, points_per_decade: int = 20, linear_points: int = 20001):
    """A dense deterministic grid: log-spaced magnitudes from 1e-300 out to the
    domain's edge on both sides, plus a linear grid on [-10, 10]."""
    magnitudes = np.logspace(-300, 300, 600 * points_per_decade + 1)
    grid = np.concatenate([-magnitudes[::-1], np.linspace(-10.0, 10.0, linear_points), magnitudes])
    if domain.open_interval:
        keep = (grid > domain.low) & (grid < domain.high)
    else:
        keep = (grid >= domain.low) & (grid <= domain.high)
    return np.unique(grid[keep])
