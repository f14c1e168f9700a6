"""Run the audit on several processes: one component per task, merged in catalogue order.

Each case's verdict depends only on the code and the case (Hypothesis is
seeded per check), so splitting the catalogue by component and merging the
results in catalogue order gives the same audit as ``reference.engine.audit``
run serially, byte for byte in ``report.json`` (tests/test_report.py checks it).
Workers are spawned (JAX does not survive a fork) and ignore Ctrl-C: the parent
takes the interrupt and terminates them.
"""
from __future__ import annotations

import multiprocessing
import signal
import traceback

from reference.engine import Audit, audit, cases
from reference.targets import load_target


class WorkerError(Exception):
    """An exception inside a worker: carries the component and the worker's traceback."""

    def __init__(self, component: str, details: str):
        super().__init__(f"while auditing {component}")
        self.component = component
        self.details = details


def _quiet_worker():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_TARGETS = {}


def _audit_component(task):
    spec, profile, seed, component = task
    try:
        if spec not in _TARGETS:
            _TARGETS[spec] = load_target(spec)
        return component, audit(_TARGETS[spec], profile, seed, components=[component]), None
    except Exception:
        return component, None, traceback.format_exc()


def audit_components(spec: str, target, profile: str, seed, components, jobs: int, progress) -> Audit:
    """``reference.engine.audit`` over ``jobs`` processes (in-process when ``jobs`` is 1 or one component is asked)."""
    order = list(dict.fromkeys(entry.name for entry, _ in cases()))
    names = [name for name in order if components is None or name in components]
    if jobs <= 1 or len(names) <= 1:
        return audit(target, profile, seed, progress=progress, components=components)
    results = {}
    tasks = [(spec, profile, seed, name) for name in names]
    progress(0, len(names), f"{min(jobs, len(names))} processes")
    with multiprocessing.get_context("spawn").Pool(min(jobs, len(names)), initializer=_quiet_worker) as pool:
        for done, (name, result, error) in enumerate(pool.imap_unordered(_audit_component, tasks), start=1):
            if error is not None:
                raise WorkerError(name, error)
            results[name] = result
            progress(done, len(names), name if done < len(names) else "done")
    parts = [results[name] for name in names]
    return Audit(
        target=target.name, profile=profile, seed=seed,
        findings=[finding for part in parts for finding in part.findings],
        ran=set().union(*(part.ran for part in parts)),
        points_swept=sum(part.points_swept for part in parts),
        seconds={label: s for part in parts for label, s in part.seconds.items()},
    )
