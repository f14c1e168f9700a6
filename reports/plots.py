"""Plots of where a scalar component is wrong.

For a finding on a sweeping check (forward, backward, ...) the check is
evaluated again on the same dense grid the engine swept, and the figure shows
the ported values against the oracle's (top) and the relative error on a log
scale (bottom), with the failing intervals shaded.  The x axis is linear on
[-10, 10] and logarithmic beyond, out to the grid's edge (1e300), so the region
near 0 and the overflow tails are both visible.

Figures are drawn with the Agg canvas directly (no pyplot global state), at a
fixed size and dpi, with no software/date metadata: the same data give the
same PNG bytes.
"""
from __future__ import annotations

import math
import re

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from reference.checks import Comparison, probe_example
from reference.domains import sweep_grid
from reference.engine import PROFILES
from reference.targets import PortedFailure

LINEAR_HALF_WIDTH = 10.0  # the sweep's linear grid covers [-10, 10]
SIZE, DPI = (9.0, 6.5), 100
ERROR_FLOOR = 1e-18  # relative errors of 0 are drawn here ("exact")


def filename(component: str, check: str) -> str:
    """``<component>--<check>.png`` with only safe characters."""
    safe = lambda text: re.sub(r"[^A-Za-z0-9._-]", "_", text)  # noqa: E731
    return f"{safe(component)}--{safe(check)}.png"


def plottable(entry, check, finding) -> bool:
    return bool(finding.intervals) and check.sweeps and entry.shape == "scalar" and entry.kind != "loss"


def sweep_comparison(target, entry, check, profile: str) -> Comparison | None:
    """The check's comparison on the engine's sweep grid (None if the code under audit fails there)."""
    grid = sweep_grid(entry.domain, PROFILES[profile]["sweep_points_per_decade"])
    example = {"x": grid, "params": probe_example(entry)["params"]}
    try:
        result = check.evaluate(target, entry, example)
    except PortedFailure:
        return None
    return result if isinstance(result, Comparison) else None


def _symlog_x(axis, largest: float):
    if largest <= LINEAR_HALF_WIDTH:
        return
    decades = math.log10(largest / LINEAR_HALF_WIDTH)
    # The linear part [-10, 10] gets about a third of the width.
    axis.set_xscale("symlog", linthresh=LINEAR_HALF_WIDTH, linscale=max(decades / 2, 1.0))
    ticks, labels = [-5.0, 0.0, 5.0], ["-5", "0", "5"]
    top = int(math.floor(math.log10(largest)))
    step = 100 if top >= 200 else (10 if top >= 20 else 1)
    for power in [1] + list(range(step, top + 1, step)):
        for sign in (-1, 1):
            ticks.append(sign * 10.0 ** power)
            labels.append(("-" if sign < 0 else "") + ("10" if power == 1 else f"1e{power}"))
    order = np.argsort(ticks)
    axis.set_xticks([ticks[i] for i in order], [labels[i] for i in order])


def _symlog_ticks(low: float, high: float, most: int = 7):
    """0 and a few powers of ten on each side that the data reach: (ticks, labels)."""
    ticks, labels = [0.0], ["0"]
    for sign, reach in ((1, high), (-1, -low)):
        if reach < 10:
            continue
        top = int(math.floor(math.log10(reach)))
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if top / s <= most), 100)
        for power in range(step, top + 1, step):
            ticks.append(sign * 10.0 ** power)
            labels.append(("-" if sign < 0 else "") + f"1e{power}")
    order = np.argsort(ticks)
    return [ticks[i] for i in order], [labels[i] for i in order]


def _shade(axis, intervals, label=None):
    for index, (low, high) in enumerate(intervals):
        label = label if index == 0 else None
        if low == high:  # a single failing grid point: a visible line
            axis.axvline(low, color="tab:red", alpha=0.35, lw=2, label=label)
        else:
            # Explicit vertices: axvspan's origin + width loses -1.3e154 against -1e300.
            axis.fill_between([low, high], 0, 1, transform=axis.get_xaxis_transform(), color="tab:red",
                              alpha=0.15, lw=0, label=label)


def _mark_edges(axis, intervals, grid_low, grid_high, shown=6):
    """Label the inner edge of each interval: on the log part of the axis 177.4 and 10 look alike."""
    edges = [edge for pair in intervals[:shown] for edge in pair if grid_low < edge < grid_high]
    for index, edge in enumerate(dict.fromkeys(edges)):
        axis.axvline(edge, color="tab:red", lw=0.8, ls="--")
        axis.annotate(f"{edge:.6g}", (edge, 0.2 + 0.3 * (index % 3)), xycoords=axis.get_xaxis_transform(),
                      rotation=90, fontsize=8, color="tab:red", ha="right", va="center",
                      xytext=(-2, 0), textcoords="offset points")


def _intervals_text(intervals, shown=3) -> str:
    parts = [f"[{low:.4g}, {high:.4g}]" for low, high in intervals[:shown]]
    more = f" and {len(intervals) - shown} more" if len(intervals) > shown else ""
    return ", ".join(parts) + more


def draw(finding, comparison: Comparison, path) -> None:
    """Write the figure for ``finding`` (whose intervals came from the same sweep) to ``path``."""
    with np.errstate(over="ignore", invalid="ignore"):  # symlog's inverse transform at 1e300
        _draw(finding, comparison, path)


def _draw(finding, comparison: Comparison, path) -> None:
    x = np.asarray(comparison.inputs["x"], dtype=np.float64).reshape(-1)
    got = np.asarray(comparison.got, dtype=np.float64).reshape(-1)
    want = np.asarray(comparison.want, dtype=np.float64).reshape(-1)
    bad = np.asarray(comparison.bad).reshape(-1)
    oracle = comparison.oracle.replace("_", " ")

    figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    values, errors = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    figure.suptitle(f"{finding.component}: {finding.check} is {finding.category}\n"
                    f"fails on {_intervals_text(finding.intervals)}", fontsize=11)

    finite = np.concatenate([got[np.isfinite(got)], want[np.isfinite(want)]])
    if finite.size and np.max(np.abs(finite)) > 1e3:
        values.set_yscale("symlog", linthresh=1.0)
        # Limits by hand: autoscaling pads by a fraction of ~600 decades, past float64's range.
        low, high = float(np.min(finite)), float(np.max(finite))
        values.set_ylim(low - max(abs(low), 1.0), high + max(abs(high), 1.0))
        values.set_yticks(*_symlog_ticks(low, high))
    _shade(values, finding.intervals, label="failing intervals")
    values.plot(x, want, color="tab:blue", lw=3.0, alpha=0.6, label=f"{oracle} (oracle)")
    values.plot(x, got, color="tab:orange", lw=1.2, label=f"ported: {comparison.what}")
    non_finite = ~np.isfinite(got)
    if non_finite.any():
        # Drawn on the top edge: nan and inf have no place on the y axis.
        edge = blended_transform_factory(values.transData, values.transAxes)
        values.plot(x[non_finite], np.full(non_finite.sum(), 0.98), "|", color="tab:red", ms=8,
                    transform=edge, label="ported is nan or inf")
    _mark_edges(values, finding.intervals, float(np.min(x)), float(np.max(x)))
    values.set_ylabel("value")
    values.legend(loc="best", fontsize=8)
    values.grid(alpha=0.3)

    with np.errstate(all="ignore"):
        error = np.where(want != 0, np.abs(got - want) / np.abs(want), np.abs(got - want))
    error = np.where(np.isnan(error) | np.isinf(error), np.inf, error)
    ceiling = max(np.max(error[np.isfinite(error)], initial=1.0) * 10, 10.0)
    shown = np.clip(np.where(np.isfinite(error), error, ceiling), ERROR_FLOOR, ceiling)
    errors.set_yscale("log")
    _shade(errors, finding.intervals)
    errors.plot(x[~bad], shown[~bad], ".", color="tab:gray", ms=1.0, label="relative error (passes)")
    errors.plot(x[bad], shown[bad], ".", color="tab:red", ms=2.5, label="fails the check")
    if not np.isfinite(error).all():
        errors.axhline(ceiling, color="tab:red", lw=0.6, ls=":")
        errors.text(0.01, 0.97, "dotted line: ported is nan/inf", transform=errors.transAxes, fontsize=7,
                    va="top", color="tab:red")
    errors.set_ylim(ERROR_FLOOR / 3, ceiling * 3)
    errors.set_ylabel(f"|ported - {oracle}| / |{oracle}|\n(0 drawn at {ERROR_FLOOR:g})")
    errors.set_xlabel("x   (linear on [-10, 10], logarithmic beyond)")
    errors.legend(loc="lower left", fontsize=8)
    errors.grid(alpha=0.3)
    _symlog_x(errors, float(np.max(np.abs(x))))
    figure.savefig(path, format="png", dpi=DPI, metadata={"Software": None})
