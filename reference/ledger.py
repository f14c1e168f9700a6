"""The known-defect ledger: what the checks have established, made durable.

One JSON file per target in ``reference/ledgers/``.  Each defect is keyed by
``component:check`` and records the category, a one-line diagnosis written by
a person who read the finding, and the minimal counterexample the tool found.
The ledger never decides anything: the checks find defects from the maths,
and the ledger only says which of those findings are already known, so that a
new finding fails the run, and so does a known defect that no longer
reproduces (someone fixed it: remove its entry).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding

LEDGER_DIR = Path(__file__).parent / "ledgers"


@dataclass(frozen=True)
class KnownDefect:
    id: str
    component: str
    check: str
    category: str
    diagnosis: str
    counterexample: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.component, self.check)


@dataclass
class Ledger:
    target: str
    defects: dict  # (component, check) -> KnownDefect

    def expected(self, component: str, check: str) -> KnownDefect | None:
        return self.defects.get((component, check))

    def to_json(self) -> dict:
        return {
            "target": self.target,
            "about": "Defects gradaudit established in this target. Keyed component:check; "
                     "the diagnosis is a person's reading of the finding.",
            "defects": [vars(d) for d in sorted(self.defects.values(), key=lambda d: d.id)],
        }


def path_for(target_name: str) -> Path:
    return LEDGER_DIR / f"{target_name}.json"


def load_ledger(target_name: str, path: Path | None = None) -> Ledger:
    """The target's ledger; a target without one expects no defect at all."""
    path = path or path_for(target_name)
    if not path.is_file():
        return Ledger(target_name, {})
    data = json.loads(path.read_text())
    defects = [KnownDefect(**d) for d in data.get("defects", [])]
    return Ledger(data.get("target", target_name), {d.key: d for d in defects})


def defect_id(component: str, check: str) -> str:
    return f"{component}:{check}"


@dataclass
class Verdict:
    """Findings sorted against the ledger."""

    expected: list  # findings the ledger knows (known_defect set)
    new: list  # findings the ledger does not know
    vanished: list  # known defects whose check ran and found nothing
    changed: list  # (finding, defect) where the category differs

    @property
    def ok(self) -> bool:
        return not (self.new or self.vanished or self.changed)


def judge(findings: list[Finding], ledger: Ledger, ran: set) -> Verdict:
    """Sort findings against the ledger; ``ran`` holds the (component, check) keys that ran."""
    expected, new, changed = [], [], []
    found = set()
    for finding in findings:
        found.add(finding.key)
        defect = ledger.expected(*finding.key)
        if defect is None:
            new.append(finding)
        elif defect.category != finding.category:
            changed.append((finding, defect))
        else:
            expected.append(finding.with_(known_defect=defect.id))
    vanished = [d for key, d in sorted(ledger.defects.items()) if key in ran and key not in found]
    return Verdict(expected, new, vanished, changed)


def updated(ledger: Ledger, findings: list[Finding], ran: set) -> Ledger:
    """The ledger after a run: new findings added (diagnosis to be written),
    vanished defects removed, counterexamples refreshed, diagnoses kept."""
    defects = {k: d for k, d in ledger.defects.items() if k not in ran}
    for finding in findings:
        old = ledger.expected(*finding.key)
        defects[finding.key] = KnownDefect(
            id=defect_id(*finding.key), component=finding.component, check=finding.check,
            category=finding.category,
            diagnosis=old.diagnosis if old and old.category == finding.category else f"(to diagnose) {finding.summary}",
            counterexample=finding.counterexample,
        )
    return Ledger(ledger.target, defects)


def save_ledger(ledger: Ledger, path: Path | None = None) -> Path:
    path = path or path_for(ledger.target)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(ledger.to_json(), indent=2, sort_keys=False) + "\n")
    temporary.replace(path)
    return path
