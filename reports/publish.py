"""Write a report directory all at once, or not at all.

Everything is written into a staging directory next to the destination, which
is renamed into place only when complete.  An interrupted or failed run
removes its staging directory and leaves the previous report untouched; the
previous report is removed only after the new one is in place.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path


class NotAReport(Exception):
    """The destination exists and is not a report directory: refusing to replace it."""


def replaceable(directory: Path) -> bool:
    """True if ``directory`` is absent, empty, or a previous gradaudit report."""
    if not directory.exists():
        return True
    if not directory.is_dir():
        return False
    if not any(directory.iterdir()):
        return True
    try:
        schema = json.loads((directory / "report.json").read_text()).get("schema", "")
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(schema, str) and schema.startswith("gradaudit.report/")


def check_destination(directory: Path) -> None:
    directory = Path(directory).resolve()
    if directory == directory.parent or not replaceable(directory):
        raise NotAReport(f"{directory} exists and is not a gradaudit report directory; "
                         "choose another --out (it would be replaced)")


def publish(directory: Path, write) -> Path:
    """Call ``write(staging)`` to fill a fresh directory, then move it to ``directory``."""
    directory = Path(directory).resolve()
    check_destination(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    staging = directory.parent / f".{directory.name}.partial-{token}"
    staging.mkdir()
    try:
        write(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = directory.parent / f".{directory.name}.previous-{token}"
    if directory.exists():
        os.replace(directory, retired)
    try:
        os.replace(staging, directory)
    except BaseException:
        if retired.exists():
            os.replace(retired, directory)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return directory
