"""Findings: what a check reports, as plain data.

A check never asserts.  It returns ``None`` (the promise holds on what it saw)
or a :class:`Finding`; tests assert on findings, the report renders them, and
the ledger stores them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

KINDS = ("activation", "loss", "optimizer", "registry")

CATEGORIES = {
    "wrong-value": "the forward value differs from the mathematical definition",
    "wrong-derivative": "the hand-written derivative (or the VJP a caller forms with it) is wrong",
    "wrong-second-derivative": "the hand-written second derivative is wrong",
    "wrong-update": "the optimizer step differs from the published algorithm",
    "batch-inconsistency": "a batched call differs from the same rows called one by one",
    "non-finite": "nan or inf where the true value is finite",
    "precision-loss": "right formula, but float64 loses the digits that matter",
    "crash": "the code raises, or returns None, where it should return a value",
    "api": "signature, registry key or ignored argument",
    "dtype": "the result's dtype does not follow the input's floating dtype",
    "convention": "differs from the common definition but is self-consistent (informational)",
}

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One established defect of one component under one check.

    ``counterexample`` maps labels to JSON-ready values: the inputs, then the
    ``ported`` value and every oracle's value at that input (``autodiff``,
    ``finite_difference``, ``high_precision``, ``reference``), each labelled.
    ``intervals`` are the input ranges where the defect holds (from a sweep).
    """

    component: str
    kind: str
    check: str
    category: str
    severity: str
    summary: str
    counterexample: dict = field(default_factory=dict)
    intervals: tuple = ()
    known_defect: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown finding kind {self.kind!r}; expected one of {KINDS}")
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}; expected one of {sorted(CATEGORIES)}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}; expected one of {SEVERITIES}")

    @property
    def key(self) -> tuple[str, str]:
        return (self.component, self.check)

    def with_(self, **changes) -> "Finding":
        return replace(self, **changes)

    def to_json(self) -> dict:
        return {
            "component": self.component,
            "kind": self.kind,
            "check": self.check,
            "category": self.category,
            "severity": self.severity,
            "summary": self.summary,
            "counterexample": self.counterexample,
            "intervals": [list(i) for i in self.intervals],
            "known_defect": self.known_defect,
        }

    def render(self) -> str:
        """Several lines a person can act on (used as the pytest failure message)."""
        lines = [f"{self.component} / {self.check}: {self.category} ({self.severity})", f"  {self.summary}"]
        for label, value in self.counterexample.items():
            lines.append(f"  {label:>17} = {value}")
        if self.intervals:
            shown = ", ".join(f"[{lo:.6g}, {hi:.6g}]" for lo, hi in self.intervals[:6])
            more = f" (+{len(self.intervals) - 6} more)" if len(self.intervals) > 6 else ""
            lines.append(f"  fails on {shown}{more}")
        return "\n".join(lines)


def jsonable(value):
    """Turn NumPy/JAX values into JSON-ready Python values (nan/inf as strings)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else repr(value)
    if hasattr(value, "shape"):
        array = np.asarray(value)
        if array.dtype.kind in "fc":
            return jsonable(array.tolist())
        if array.dtype.kind in "biu":
            return array.tolist()
        return repr(array)
    if callable(value):
        return getattr(value, "__name__", repr(value))
    return repr(value)
