"""What a report was made from: library versions and a fingerprint of its inputs.

The fingerprint lets a test say whether a committed report is current without
re-running the audit: it hashes everything that determines ``report.json``
(the audited module's source, the whole of ``reference/`` with its ledgers,
this renderer, the profile and seed, and the versions).  Paths are hashed
relative to the repository, so the fingerprint does not depend on where the
checkout lives.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("numpy", "jax", "jaxlib", "hypothesis", "mpmath", "matplotlib")


def gradaudit_version() -> str:
    """The version in pyproject.toml when run from a checkout, else the installed one."""
    pyproject = ROOT / "pyproject.toml"
    if pyproject.is_file():
        found = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(), re.MULTILINE)
        if found:
            return found.group(1)
    try:
        return importlib.metadata.version("gradaudit")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def versions() -> dict:
    found = {"gradaudit": gradaudit_version(), "python": platform.python_version()}
    for name in LIBRARIES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    return found


def _shown(path: Path) -> str:
    path = path.resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def target_sources(module) -> list[Path]:
    """The audited module's source files: the package's ``.py`` files, or the module's file."""
    file = getattr(module, "__file__", None)
    if not file:
        return []
    file = Path(file)
    if file.name == "__init__.py":
        return sorted(file.parent.rglob("*.py"))
    return [file]


def input_files(module) -> list[Path]:
    reference = ROOT / "reference"
    files = set(reference.rglob("*.py")) | set(reference.rglob("ledgers/*.json"))
    files |= set((ROOT / "reports").glob("*.py"))
    files |= set(target_sources(module))
    return sorted((f for f in files if "__pycache__" not in f.parts), key=_shown)


def sources_digest(module) -> str:
    digest = hashlib.sha256()
    for path in input_files(module):
        digest.update(_shown(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(module, profile: str, seed, components, found_versions: dict) -> dict:
    """``sha256`` over everything below; ``sources`` alone hashes the files."""
    sources = sources_digest(module)
    settings = {"profile": profile, "seed": seed, "components": components}
    whole = json.dumps({"sources": sources, "settings": settings, "versions": found_versions}, sort_keys=True)
    return {"sha256": hashlib.sha256(whole.encode()).hexdigest(), "sources": sources,
            "files": len(input_files(module))}
