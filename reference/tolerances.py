"""How close is close enough: one table, keyed by dtype and check kind.

A value passes when ``|got - want| <= atol + rtol * |want|``: a relative error
with an absolute floor.  The table never scales with the array size (that
hides bugs).  Every override in the catalogue carries a one-line why.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float

    def excess(self, got, want):
        """How far past the tolerance each element is (> 1 fails); nan-aware."""
        got = np.asarray(got, dtype=np.float64)
        want = np.asarray(want, dtype=np.float64)
        with np.errstate(all="ignore"):
            error = np.abs(got - want) / (self.atol + self.rtol * np.abs(want))
            # Equal values (the same infinity, or nan on both sides) agree; a lone nan fails.
            same = (got == want) | (np.isnan(got) & np.isnan(want))
            error = np.where(same, 0.0, error)
        return np.where(np.isnan(error), np.inf, error)

    def fails(self, got, want):
        return self.excess(got, want) > 1.0


TOLERANCES = {
    # A closed-form float64 formula is good to ~1e-14 away from cancellation;
    # 1e-8 leaves room for honest rounding and still catches a wrong constant
    # in the sixth digit.  The floor: derivatives below 1e-12 do not move a
    # float64 network, and the naive forms flush them to 0 legitimately.
    ("float64", "value"): Tolerance(rtol=1e-8, atol=1e-12),
    ("float64", "derivative"): Tolerance(rtol=1e-8, atol=1e-12),
    ("float64", "second-derivative"): Tolerance(rtol=1e-7, atol=1e-10),
    # Finite differences carry their own error estimate on top of this.
    ("float64", "finite-difference"): Tolerance(rtol=1e-6, atol=1e-9),
    # float32 code is judged against the float64 oracle at float32's precision.
    ("float32", "value"): Tolerance(rtol=1e-4, atol=1e-6),
    ("float32", "derivative"): Tolerance(rtol=1e-4, atol=1e-6),
    ("float32", "second-derivative"): Tolerance(rtol=1e-3, atol=1e-5),
    # Optimizer trajectories: the same arithmetic in a different order.
    ("float64", "update"): Tolerance(rtol=1e-9, atol=1e-15),
    # Batched vs row-by-row calls of the same code: only summation order may differ.
    ("float64", "batch"): Tolerance(rtol=1e-12, atol=1e-300),
    ("float32", "batch"): Tolerance(rtol=1e-6, atol=1e-37),
}


def tolerance(dtype, kind: str, overrides: dict | None = None) -> Tolerance:
    """The tolerance for ``kind`` at ``dtype``, with a catalogue entry's override if any."""
    name = np.dtype(dtype).name
    if overrides and kind in overrides:
        return overrides[kind]
    return TOLERANCES[(name, kind)]
