"""The ledgers themselves: well-formed, diagnosed, and about real cases."""
import pytest

from reference.engine import cases
from reference.findings import CATEGORIES
from reference.ledger import LEDGER_DIR, load_ledger

LEDGERS = sorted(p.stem for p in LEDGER_DIR.glob("*.json"))
KNOWN_CASES = {(e.name, c.name) for e, c in cases()}


@pytest.mark.parametrize("name", LEDGERS)
def test_every_defect_is_a_catalogue_case_with_a_diagnosis(name):
    ledger = load_ledger(name)
    for key, defect in ledger.defects.items():
        assert key in KNOWN_CASES, f"{defect.id} names no catalogue case"
        assert defect.category in CATEGORIES, f"{defect.id}: unknown category {defect.category}"
        assert defect.diagnosis and not defect.diagnosis.startswith("(to diagnose)"), f"{defect.id} is not diagnosed"
        assert defect.counterexample or defect.category in ("crash", "api"), f"{defect.id} has no counterexample"


def test_fixed_ledger_is_empty():
    assert load_ledger("fixed").defects == {}


def test_seed_ledger_includes_the_softmin_derivative():
    assert load_ledger("seed").expected("softmin", "backward").category == "wrong-derivative"
