"""Every catalogue check on every built-in target, judged against its ledger.

A check that finds a defect the ledger does not know fails; so does a ledger
entry whose check now finds nothing (someone fixed it: update the ledger with
``gradaudit ledger --target seed``).  The ``fixed`` target's ledger is empty,
so there every check must pass: that is the evidence the checks raise no
false alarm on correct code.
"""
import pytest

from reference.engine import cases, default_profile, run_check
from reference.ledger import load_ledger
from reference.targets import load_target

TARGETS = ("seed", "fixed")


@pytest.mark.parametrize("target_name", TARGETS)
@pytest.mark.parametrize("entry, check", cases(), ids=[f"{e.name}:{c.name}" for e, c in cases()])
def test_check_matches_ledger(target_name, entry, check):
    target = load_target(target_name)
    known = load_ledger(target.ledger_name).expected(entry.name, check.name)
    finding = run_check(target, entry, check, default_profile()).finding
    if known is None:
        assert finding is None, "new finding (not in the ledger):\n" + finding.render()
    else:
        assert finding is not None, f"{known.id} no longer reproduces: remove it from the ledger"
        assert finding.category == known.category, (
            f"{known.id}: ledger says {known.category}, the check now finds\n{finding.render()}")
