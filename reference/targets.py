"""Targets: the code under audit, and safe calls into it.

A target is any importable module that follows the article's API (the
adapter contract, see README): registries ``get_act(name, **params)``,
``get_err(name)``, ``get_opt(name, **params)`` and/or classes named as in the
catalogue; activations with ``forward(x)`` and ``backward(x, y)`` (``y`` is
``forward(x)``, which some implementations reuse), optionally ``d2y(x)`` and
``vjp(x, upstream)``; losses with ``forward(y, t)`` then ``backward()``;
optimizers with ``update(grad_w, grad_b, t=step)`` returning ``(dw, db)``
(Eve also takes ``f=``, the loss; stochastic ones draw from NumPy's global
generator), optionally declaring in an attribute ``variant`` the named variant
of the published algorithm they follow (flags of ``optimizers.py``, see
``optimizer_checks``).

Code under audit may raise, return None, return the wrong shape, or warn on
overflow.  Every call into it goes through :func:`call`, which turns such
behaviour into a :class:`PortedFailure` the checks report as a finding; the
audit itself never stops on it.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np


BUILTIN = {"seed": "ported.seed", "fixed": "ported.fixed"}

# The registry function the adapter contract names for each kind of component.
REGISTRIES = {"activation": "get_act", "loss": "get_err", "optimizer": "get_opt"}


class TargetError(Exception):
    """The target cannot be audited at all (unknown name, import failure)."""


class PortedFailure(Exception):
    """The code under audit misbehaved: carries the finding's category and summary."""

    def __init__(self, category: str, summary: str):
        super().__init__(summary)
        self.category = category
        self.summary = summary


@dataclass(frozen=True)
class Target:
    name: str
    module: ModuleType

    @property
    def ledger_name(self) -> str:
        return self.name if self.name in BUILTIN else Path(self.name).stem.replace(".", "_")


def load_target(spec: str) -> Target:
    """``seed``, ``fixed``, a dotted module name, or a path to a ``.py`` file."""
    try:
        if spec in BUILTIN:
            return Target(spec, importlib.import_module(BUILTIN[spec]))
        path = Path(spec)
        if path.suffix == ".py":
            if not path.is_file():
                raise TargetError(f"no such file: {spec}")
            name = f"gradaudit_target_{path.stem}"
            module_spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(module_spec)
            sys.modules[name] = module
            module_spec.loader.exec_module(module)
            return Target(spec, module)
        return Target(spec, importlib.import_module(spec))
    except TargetError:
        raise
    except ModuleNotFoundError as error:
        raise TargetError(f"unknown target {spec!r}: {error} (use seed, fixed, a module name or a .py file)") from None
    except Exception as error:  # whatever the target's import raises
        raise TargetError(f"target {spec!r} failed to import: {type(error).__name__}: {error}") from None


def call(label: str, function, *args, **kwargs):
    """Call into the code under audit; misbehaviour becomes a PortedFailure."""
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = function(*args, **kwargs)
    except Exception as error:
        raise PortedFailure("crash", f"{label} raised {type(error).__name__}: {error}") from None
    if result is None:
        raise PortedFailure("crash", f"{label} returned None")
    return result


def as_array(label: str, result, shape) -> np.ndarray:
    """The result as an array of the expected shape (scalars broadcast), or a PortedFailure."""
    array = np.asarray(result)
    if array.dtype == object:
        raise PortedFailure("crash", f"{label} returned {type(result).__name__}, not an array")
    if array.shape != tuple(shape):
        if array.ndim == 0:
            return np.broadcast_to(array, shape)
        raise PortedFailure("crash", f"{label} returned shape {array.shape} for input shape {tuple(shape)}")
    return array


def provides(target: Target, entry) -> bool:
    """Whether the target offers the component at all: a class of its name, or a
    registry that knows its name (a registry refusing the name with a LookupError
    or ValueError does not; one whose constructor fails in another way does, and
    that failure is a finding)."""
    if getattr(target.module, entry.class_name, None) is not None:
        return True
    registry = getattr(target.module, REGISTRIES[entry.kind], None)
    if registry is None:
        return False
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            registry(entry.name)
    except (LookupError, ValueError):
        return False
    except Exception:
        return True
    return True


def construct(target: Target, entry, params: dict):
    """Build the component: through the registry when the entry is registered,
    else (or when the registry lacks the key) through its class."""
    registry = getattr(target.module, REGISTRIES[entry.kind], None)
    if entry.registered and registry is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return registry(entry.name, **params)
        except Exception:
            pass  # reported by the registry check; the class may still be audited
    cls = getattr(target.module, entry.class_name, None)
    if cls is None:
        raise PortedFailure("api", f"{target.name} has no {entry.class_name} and its registry gives no {entry.name!r}")
    shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return call(f"{entry.class_name}({shown})", cls, **params)
