"""The engine: run a check on a component, turn what it saw into a finding.

For a check with generated examples, Hypothesis searches for an example that
fails and shrinks it to a minimal one; scalar checks then sweep a dense grid
and turn the failing points into intervals.  Tests and the report both call
:func:`run_check`, so they cannot disagree about a verdict.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace

import numpy as np
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from .catalogue import CATALOGUE
from .checks import CHECKS, Comparison, Failure, ReferenceDispute, probe_example
from .domains import sweep_grid
from .findings import Finding, jsonable
from .targets import PortedFailure

PROFILES = {
    # Everyday runs: quick, random, remembered.
    "dev": dict(max_examples=60, sweep_points_per_decade=10),
    # CI: derandomized, so the same commit gives the same verdicts.
    "ci": dict(max_examples=100, sweep_points_per_decade=20, derandomize=True),
    # By hand, before a release or when hunting: a deeper search and a denser sweep.
    "thorough": dict(max_examples=2000, sweep_points_per_decade=200),
}


def register_profiles():
    """Register the Hypothesis profiles (used by tests/conftest.py)."""
    for name, options in PROFILES.items():
        settings.register_profile(name, **_hypothesis_options(options))


def _hypothesis_options(options):
    return dict(
        max_examples=options["max_examples"],
        derandomize=options.get("derandomize", False),
        deadline=None,  # first calls compile the oracle
        database=None,  # verdicts must not depend on earlier runs
        report_multiple_bugs=False,  # one minimal counterexample per check
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        verbosity=Verbosity.quiet,
    )


def default_profile() -> str:
    return os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")


@dataclass
class CheckRun:
    """What one check saw on one component."""

    finding: Finding | None
    points_swept: int = 0


class _Falsified(Exception):
    def __init__(self, failure):
        super().__init__(failure.summary)
        self.failure = failure


def _evaluate(check, target, entry, example) -> Failure | None:
    try:
        result = check.evaluate(target, entry, example)
    except PortedFailure as failure:
        return Failure(failure.category, failure.summary, {}, np.inf)
    if isinstance(result, Comparison):
        return result.failure()
    return result


def _defects_only(check):
    """The check, with conventions (information, not defects) counted as passes."""

    def evaluate(target, entry, example):
        failure = _evaluate(check, target, entry, example)
        return None if failure is None or failure.category == "convention" else failure

    return replace(check, evaluate=evaluate)


def _search(check, target, entry, profile, seed) -> Failure | None:
    options = PROFILES[profile]
    hypothesis_settings = settings(**_hypothesis_options(options))
    if seed is not None:
        hypothesis_settings = settings(hypothesis_settings, derandomize=False)

    @hypothesis_settings
    @given(check.examples(entry))
    def probe(example):
        failure = _evaluate(check, target, entry, example)
        if failure is not None:
            raise _Falsified(failure)

    if seed is not None:
        probe = hypothesis_seed(seed)(probe)
    try:
        probe()
    except _Falsified as falsified:
        return falsified.failure
    return None


def _sweep(check, target, entry, profile):
    """Evaluate a scalar check on the dense grid: (failure at the worst point, intervals, points)."""
    grid = sweep_grid(entry.domain, PROFILES[profile]["sweep_points_per_decade"])
    if entry.kind == "loss":
        return None, (), 0  # two inputs: generated examples cover losses
    params = {name: entry.published[name] for name in entry.domain.required}

    def failing(points):
        try:
            result = check.evaluate(target, entry, {"x": points, "params": params})
        except PortedFailure as failure:
            return Failure(failure.category, failure.summary, {}, np.inf)
        return result

    result = failing(grid)
    if not isinstance(result, Comparison):
        return result, (), grid.size

    def bad(points):
        outcome = failing(points)
        return outcome.bad if isinstance(outcome, Comparison) else np.ones(points.shape, dtype=bool)

    return result.failure(), intervals(grid, result.bad, bad), grid.size


def intervals(grid: np.ndarray, bad: np.ndarray, is_bad=None, steps: int = 64) -> tuple:
    """Runs of consecutive failing grid points, as (first, last) pairs.

    With ``is_bad`` (points -> mask), each edge of a run is narrowed by
    bisection between its grid neighbours, so an interval's ends are exact to
    about a unit in the last place rather than to the grid's spacing.
    """
    bad = np.asarray(bad).reshape(-1)
    if not bad.any():
        return ()
    edges = np.diff(np.concatenate([[0], bad.astype(np.int8), [0]]))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    first, last = grid[starts].astype(np.float64), grid[stops].astype(np.float64)
    if is_bad is not None:
        # Bisect every inner edge at once: (good, bad) brackets around each start,
        # (bad, good) brackets around each stop.
        has_before, has_after = starts > 0, stops < len(grid) - 1
        good_side = np.concatenate([grid[starts[has_before] - 1], grid[stops[has_after] + 1]])
        bad_side = np.concatenate([first[has_before], last[has_after]])
        for _ in range(steps):
            middle = good_side + (bad_side - good_side) / 2
            if not len(middle) or np.all((middle == good_side) | (middle == bad_side)):
                break
            middle_bad = np.asarray(is_bad(middle), dtype=bool)
            bad_side = np.where(middle_bad, middle, bad_side)
            good_side = np.where(middle_bad, good_side, middle)
        first[has_before] = bad_side[: has_before.sum()]
        last[has_after] = bad_side[has_before.sum():]
    return tuple((float(a), float(b)) for a, b in zip(first, last))


def severity(category: str, relative_error: float) -> str:
    if category in ("convention",):
        return "info"
    if category == "dtype":
        return "warning" if relative_error > 0 else "info"
    if category in ("wrong-value", "wrong-derivative", "wrong-second-derivative", "wrong-update",
                    "precision-loss") and relative_error < 1e-3:
        return "warning"
    return "error"


def run_check(target, entry, check, profile: str | None = None, seed: int | None = None,
              sweep: bool = True) -> CheckRun:
    """Run one check on one catalogue entry of a target."""
    profile = profile or default_profile()
    if check.examples is None:
        failure = _evaluate(check, target, entry, probe_example(entry))
    else:
        failure = _search(check, target, entry, profile, seed)
        if failure is not None and failure.category == "convention":
            # Shrinking may slip from a defect to a mere convention (one bug is
            # reported): search again counting defects only, so information never hides one.
            failure = _search(_defects_only(check), target, entry, profile, seed) or failure
    found_intervals, points = (), 0
    if sweep and check.sweeps and entry.shape == "scalar":
        swept, found_intervals, points = _sweep(check, target, entry, profile)
        failure = failure or swept
    if failure is None:
        return CheckRun(None, points)
    failure.settled()
    kind = "registry" if check.name == "registry" else entry.kind
    finding = Finding(
        component=entry.name, kind=kind, check=check.name, category=failure.category,
        severity=severity(failure.category, failure.relative_error), summary=failure.summary,
        counterexample=jsonable(failure.counterexample), intervals=found_intervals,
    )
    return CheckRun(finding, points)


def cases(kinds=None):
    """Every (entry, check) pair the catalogue defines, in catalogue order."""
    return [(entry, check) for entry in CATALOGUE for check in CHECKS
            if check.applies(entry) and (kinds is None or entry.kind in kinds)]


@dataclass
class Audit:
    """A whole target's audit: every finding, and what ran."""

    target: str
    profile: str
    seed: int | None
    findings: list
    ran: set
    points_swept: int
    seconds: dict  # "component:check" -> wall seconds


def audit(target, profile: str | None = None, seed: int | None = None, progress=None,
          components=None) -> Audit:
    """Run every catalogue check on ``target``; ``progress(done, total, label)`` is told as it goes.

    ``components`` (names) restricts the audit to those entries; ``Audit.ran`` says what ran.
    """
    profile = profile or default_profile()
    todo = [(entry, check) for entry, check in cases() if components is None or entry.name in components]
    findings, ran, seconds, points = [], set(), {}, 0
    for done, (entry, check) in enumerate(todo):
        label = f"{entry.name}:{check.name}"
        if progress:
            progress(done, len(todo), label)
        start = time.perf_counter()
        run = run_check(target, entry, check, profile, seed)
        seconds[label] = round(time.perf_counter() - start, 4)
        ran.add((entry.name, check.name))
        points += run.points_swept
        if run.finding is not None:
            findings.append(run.finding)
    if progress:
        progress(len(todo), len(todo), "done")
    return Audit(target.name, profile, seed, findings, ran, points, seconds)
