"""The report as data (``report.json``) and as a page (``REPORT.md``).

:func:`document` gathers an audit, the ledger's verdict on it and the run's
provenance into one JSON-ready dict (the schema is ``reports/SCHEMA.md``);
:func:`markdown` renders only that dict, so the page and the JSON cannot
disagree.  Nothing here decides whether code is right: verdicts come from
``reference.engine`` and ``reference.ledger``.
"""
from __future__ import annotations

import fnmatch
import inspect
import json
import re
import sys

from reference import checks as reference_checks
from reference.domains import sweep_grid
from reference.engine import PROFILES, cases
from reference.findings import CATEGORIES, SEVERITIES, jsonable
from reference.targets import BUILTIN

SCHEMA = "gradaudit.report/1"
CATALOGUE_TEST = "tests/test_catalogue.py::test_check_matches_ledger"

# Per-case verdicts, against the target's ledger.
VERDICTS = {
    "pass": "the check found nothing, and the ledger expects nothing",
    "known": "a finding the ledger already records (a known defect)",
    "new": "a finding the ledger does not know: fails the gate",
    "changed": "the ledger records a defect here, of another category: fails the gate",
    "vanished": "the ledger records a defect here, but the check found nothing (fixed?): fails the gate",
}

# How the counterexample's keys read to someone who has not seen the code.
LABELS = {
    "x": "input x",
    "y": "input y (prediction)",
    "t": "input t (target)",
    "g": "upstream gradient g",
    "at": "worst point",
    "params": "parameters",
    "ported": "ported (the code under audit)",
    "reference": "reference (JAX, float64, written from the maths or the paper)",
    "autodiff": "autodiff (JAX, float64)",
    "finite_difference": "finite difference (of the ported forward)",
    "finite_difference_error": "finite-difference error estimate",
    "high_precision": "high precision (mpmath, 60 digits)",
    "row_by_row": "row by row (the same code, one row at a time)",
    "mean_of_reference": "mean of the reference per-element loss",
    "left_limit": "left limit (reference)",
    "right_limit": "right limit (reference)",
    "probe": "probe input",
    "results": "results",
    # Optimizers (reference/optimizer_checks.py).
    "call": "how update() was called",
    "w_shape": "shape of w",
    "b_shape": "shape of b",
    "kinds": "kind of each step's gradients (w, b)",
    "grads_w": "gradients of w, step by step",
    "grads_b": "gradients of b, step by step",
    "seed": "NumPy seed (stochastic optimizers)",
    "reference_is": "the reference is configured as",
}


# The document -------------------------------------------------------------------

def case_label(component: str, check: str) -> str:
    return f"{component}:{check}"


def command(spec: str, profile: str, seed, components=None, ledger: str | None = None) -> str:
    parts = ["gradaudit", "report", "--target", _quoted(spec), "--profile", profile]
    if seed is not None:
        parts += ["--seed", str(seed)]
    if ledger:
        parts += ["--ledger", _quoted(ledger)]
    if components:
        parts += ["--only", _quoted(",".join(components))]
    return " ".join(parts)


def _quoted(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z0-9._/,:+-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _repro(finding, run) -> dict:
    pytest_id = None
    catalogue_cases = {(entry.name, check.name) for entry, check in cases()}
    if (run["target"]["name"] in BUILTIN and run["settings"]["seed"] is None
            and run["settings"]["derandomized"] and finding.key in catalogue_cases
            and run["ledger"]["name"] == run["target"]["name"]):
        node = f"{CATALOGUE_TEST}[{case_label(*finding.key)}-{run['target']['name']}]"
        pytest_id = f'HYPOTHESIS_PROFILE={run["settings"]["profile"]} python -m pytest "{node}"'
    settings = run["settings"]
    gradaudit = command(run["target"]["name"], settings["profile"], settings["seed"], [finding.component],
                        run["ledger"]["given"])
    return {"gradaudit": gradaudit, "pytest": pytest_id}


def document(*, target_spec: str, target, audit, ledger, ledger_given, verdict, versions, fingerprint,
             components=None) -> dict:
    """The whole report as a JSON-ready dict, in a fixed key order (each finding's
    ``plot`` is filled in by whoever draws it)."""
    options = PROFILES[audit.profile]
    run = {
        "schema": SCHEMA,
        "target": {"name": target_spec, "module": target.module.__name__},
        "versions": versions,
        "settings": {
            "profile": audit.profile,
            "seed": audit.seed,
            "derandomized": bool(options.get("derandomize", False)) and audit.seed is None,
            "max_examples": options["max_examples"],
            "sweep_points_per_decade": options["sweep_points_per_decade"],
            "sweep_linear_points": inspect.signature(sweep_grid).parameters["linear_points"].default,
            "components": sorted(components) if components else None,
        },
        "fingerprint": fingerprint,
        "ledger": {"name": ledger.target, "given": ledger_given, "defects": len(ledger.defects)},
    }
    expected = {f.key: f for f in verdict.expected}
    new = {f.key for f in verdict.new}
    changed = {f.key: d for f, d in verdict.changed}
    vanished = {d.key: d for d in verdict.vanished}

    findings = []
    for finding in audit.findings:
        defect = ledger.expected(*finding.key)
        status = "new" if finding.key in new else "changed" if finding.key in changed else "known"
        shown = expected.get(finding.key, finding)
        findings.append({
            **shown.to_json(),
            "verdict": status,
            "diagnosis": defect.diagnosis if defect is not None and status == "known" else None,
            "plot": None,
            "repro": _repro(finding, run),
        })
    by_key = {f.key: f for f in audit.findings}

    order = {key: index for index, key in enumerate((e.name, c.name) for e, c in cases())}
    kinds = {entry.name: entry.kind for entry, _ in cases()}
    rows = []
    for key in sorted(audit.ran, key=lambda k: (order.get(k, len(order)), k)):
        finding = by_key.get(key)
        if finding is not None:
            status = "new" if key in new else "changed" if key in changed else "known"
        else:
            status = "vanished" if key in vanished else "pass"
        defect = ledger.expected(*key)
        rows.append({
            "component": key[0], "kind": kinds.get(key[0], finding.kind if finding else "activation"),
            "check": key[1], "verdict": status, "category": finding.category if finding else None,
            "known_defect": defect.id if defect is not None else None,
        })

    counts = {status: sum(row["verdict"] == status for row in rows) for status in VERDICTS}
    failed = bool(counts["new"] or counts["changed"] or counts["vanished"])
    summary = {
        "cases": len(rows),
        "findings": len(findings),
        "points_swept": audit.points_swept,
        "by_verdict": counts,
        "by_category": {c: n for c in sorted(CATEGORIES) if (n := sum(f["category"] == c for f in findings))},
        "by_severity": {s: sum(f["severity"] == s for f in findings) for s in SEVERITIES},
        "exit_code": 1 if failed else 0,
    }
    ledger_part = {
        **run["ledger"],
        "new": [case_label(*f.key) for f in verdict.new],
        "vanished": [{"id": d.id, "category": d.category, "diagnosis": d.diagnosis} for d in verdict.vanished],
        "changed": [{"id": d.id, "ledger_category": d.category, "found_category": f.category}
                    for f, d in verdict.changed],
    }
    return jsonable({**{k: v for k, v in run.items() if k != "ledger"}, "summary": summary, "cases": rows,
                     "findings": findings, "ledger": ledger_part})


def dumps(doc: dict) -> str:
    """Deterministic JSON text: fixed key order, shortest round-trip floats, strict (no NaN)."""
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# The page -----------------------------------------------------------------------

def anchor(component: str, check: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", f"{component}--{check}".lower())


def check_descriptions() -> dict:
    """Check name (or pattern) -> its promise, read from the docstrings of the
    modules that define the checks (``reference/checks.py`` and its kin), whose
    tables list each check name then its promise, continued on indented lines."""
    names = [check.name for check in reference_checks.CHECKS]
    modules = dict.fromkeys(sys.modules.get(check.evaluate.__module__) for check in reference_checks.CHECKS)
    found = {}
    for module in filter(None, modules):
        name = None
        for line in (module.__doc__ or "").splitlines():
            head = re.match(r"^(\S+)\s+(.*)$", line)
            if head and any(fnmatch.fnmatchcase(n, head.group(1)) for n in names):
                name = head.group(1)
                found.setdefault(name, head.group(2).strip())
            elif name and line.startswith(" ") and line.strip():
                found[name] += " " + line.strip()
            else:
                name = None
    return {k: v.replace("``", "`") for k, v in found.items()}


def _describe(check: str, descriptions: dict) -> str | None:
    for pattern, text in descriptions.items():
        if fnmatch.fnmatchcase(check, pattern):
            return text
    return None


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _value(value, limit: int = 12) -> str:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_value(v, limit)}" for k, v in value.items()) or "(none)"
    if isinstance(value, list):
        flat = json.dumps(value[:limit])
        return flat[:-1] + f", ... ({len(value)} in all)]" if len(value) > limit else flat
    return str(value)


def _interval(low: float, high: float) -> str:
    return f"x = {low!r}" if low == high else f"[{low!r}, {high!r}]"


def _verdict_cell(row, has_section: bool) -> str:
    link = (lambda text: f"[{text}](#{anchor(row['component'], row['check'])})") if has_section else str
    if row["verdict"] == "pass":
        return "pass"
    if row["verdict"] == "known":
        return link(row["category"]) + " (known)"
    if row["verdict"] == "new":
        return "**NEW** " + link(row["category"])
    if row["verdict"] == "changed":
        return "**CHANGED** " + link(row["category"])
    return "**VANISHED** (ledger: fixed?)"


def _header(doc) -> list[str]:
    summary, settings, target = doc["summary"], doc["settings"], doc["target"]
    passed = summary["exit_code"] == 0
    verdict = ("PASS (exit 0): every finding is a known defect in the ledger" if passed else
               "FAIL (exit 1): " + ", ".join(f"{n} {status}" for status, n in summary["by_verdict"].items()
                                             if n and status in ("new", "changed", "vanished")))
    versions = ", ".join(f"{k} {v}" for k, v in doc["versions"].items() if v)
    seed = settings["seed"] if settings["seed"] is not None else (
        "none (derandomized)" if settings["derandomized"] else "none (random)")
    lines = [
        f"# gradaudit report: `{target['name']}`",
        "",
        f"**{verdict}.**",
        "",
        "| | |",
        "|---|---|",
        f"| target | `{target['name']}` (module `{target['module']}`) |",
        f"| ledger | `{doc['ledger']['name']}` ({doc['ledger']['defects']} known defects) |",
        f"| profile | `{settings['profile']}`: up to {settings['max_examples']} generated examples a check, "
        f"sweeps of {settings['sweep_points_per_decade']} points a decade out to 1e300 "
        f"plus {settings['sweep_linear_points']} on [-10, 10] |",
        f"| seed | {seed} |",
    ]
    if settings["components"]:
        lines.append(f"| only | {', '.join(settings['components'])} (a partial audit) |")
    lines += [
        f"| cases | {summary['cases']} component:check pairs run, {summary['points_swept']:,} points swept |",
        f"| findings | {summary['findings']}: " + ", ".join(
            f"{n} {s}" for s, n in summary["by_severity"].items() if n) + " |" if summary["findings"]
        else "| findings | none |",
        f"| versions | {versions} |",
        f"| regenerate | `{command(target['name'], settings['profile'], settings['seed'], settings['components'], doc['ledger']['given'])}` |",
        "",
    ]
    if summary["by_category"]:
        lines += ["| category | findings | meaning |", "|---|---:|---|"]
        lines += [f"| {c} | {n} | {CATEGORIES[c]} |" for c, n in summary["by_category"].items()]
        lines.append("")
    return lines


def _reading_guide() -> list[str]:
    return [
        "## How to read this report",
        "",
        "The code under audit is called **ported**. Each of its components (an activation, a loss, ...) "
        "makes promises -- its value, its derivative, its behaviour on a batch -- and each **check** tests one "
        "promise against an independent **oracle**: a JAX definition written from the maths (`reference`), "
        "JAX autodiff of it (`autodiff`), central finite differences of the ported forward itself "
        "(`finite difference`), and mpmath at 60 digits (`high precision`), which settles the tails where "
        "float64 itself is the problem. Inputs come from Hypothesis (which shrinks a failure to a minimal "
        "counterexample) and, for elementwise functions, from a dense deterministic sweep that maps the "
        "failing **intervals**.",
        "",
        "The **ledger** lists the defects already established in this target. The gate passes (exit 0) when "
        "every finding is in it; a new finding, a changed category, or a known defect that no longer "
        "reproduces fails it (exit 1).",
        "",
    ]


def _summary_table(doc) -> list[str]:
    """One table per kind of component (activations, losses, optimizers), each
    with only the checks that apply to that kind, in the engine's order."""
    engine_order = [check.name for check in reference_checks.CHECKS]
    cells = {(r["component"], r["check"]): r for r in doc["cases"]}
    with_sections = {(f["component"], f["check"]) for f in doc["findings"]}
    lines = ["## Summary: component x check", "",
             "`pass`: the promise holds on everything tried; a category: a finding (linked), `(known)` when "
             "the ledger expects it; **NEW** / **CHANGED** / **VANISHED** fail the gate; blank: the check does "
             "not apply.", ""]
    for kind in dict.fromkeys(r["kind"] for r in doc["cases"]):
        rows = [r for r in doc["cases"] if r["kind"] == kind]
        appearance = list(dict.fromkeys(r["check"] for r in rows))
        checks = sorted(appearance, key=lambda c: (engine_order.index(c) if c in engine_order else len(engine_order),
                                                   appearance.index(c)))
        lines += [f"| {kind} | " + " | ".join(checks) + " |", "|---|" + "---|" * len(checks)]
        for component in dict.fromkeys(r["component"] for r in rows):
            row = [_verdict_cell(cells[(component, c)], (component, c) in with_sections)
                   if (component, c) in cells else "" for c in checks]
            lines.append(f"| {component} | " + " | ".join(row) + " |")
        lines.append("")
    descriptions = check_descriptions()
    checks = sorted(dict.fromkeys(r["check"] for r in doc["cases"]),
                    key=lambda c: engine_order.index(c) if c in engine_order else len(engine_order))
    grouped = {}  # description -> the checks it describes (a pattern such as *-finite covers several)
    for check in checks:
        text = _describe(check, descriptions)
        if text:
            grouped.setdefault(text, []).append(check)
    if grouped:
        lines += ["What each check promises:", ""]
        lines += [f"- **{', '.join(names)}**: {text}" for text, names in grouped.items()]
        lines.append("")
    return lines


def _finding_section(finding, target_name: str) -> list[str]:
    component, check = finding["component"], finding["check"]
    status = {"known": "known defect", "new": "NEW", "changed": "CHANGED category"}[finding["verdict"]]
    lines = [f'<a name="{anchor(component, check)}"></a>', "",
             f"### {component} / {check}: {finding['category']} ({finding['severity']}, {status})", "",
             f"**{'What differs' if finding['category'] == 'convention' else 'What is wrong'}.** "
             f"{finding['summary']}. ({finding['category']}: {CATEGORIES[finding['category']]}.)",
             ""]
    if finding["verdict"] == "known":
        lines += [f"**Diagnosis** (ledger `{finding['known_defect']}`): {finding['diagnosis']}", ""]
    elif finding["verdict"] == "new":
        lines += [f"**Not in the ledger.** Read the counterexample, then record it with "
                  f"`gradaudit ledger --target {target_name}` and write its diagnosis.", ""]
    else:
        lines += ["**The ledger records another category here**: see the ledger section below.", ""]
    counterexample = finding["counterexample"]
    if counterexample:
        lines += ["**Minimal counterexample**", "", "| | value |", "|---|---|"]
        for key, value in counterexample.items():
            lines.append(f"| {_cell(LABELS.get(key, key))} | `{_cell(_value(value))}` |")
        lines.append("")
    if finding["intervals"]:
        shown = ", ".join(_interval(*pair) for pair in finding["intervals"][:8])
        more = f", and {len(finding['intervals']) - 8} more (see report.json)" if len(finding["intervals"]) > 8 else ""
        lines += [f"**Where it fails** ({len(finding['intervals'])} interval"
                  f"{'s' if len(finding['intervals']) != 1 else ''} of the sweep): {shown}{more}", ""]
    if finding["plot"]:
        lines += [f"![{component} {check}: ported vs oracle, and the relative error]({finding['plot']})", ""]
    lines += ["**Reproduce**", "", "```sh", finding["repro"]["gradaudit"]]
    if finding["repro"]["pytest"]:
        lines.append(finding["repro"]["pytest"] + "   # the gate's test for this case")
    lines += ["```", ""]
    return lines


def _ledger_section(doc) -> list[str]:
    ledger = doc["ledger"]
    if not (ledger["new"] or ledger["vanished"] or ledger["changed"]):
        return []
    lines = [f"## Ledger `{ledger['name']}`: what fails the gate", ""]
    for label in ledger["new"]:
        lines.append(f"- NEW: `{label}` is not in the ledger.")
    for entry in ledger["changed"]:
        lines.append(f"- CHANGED: `{entry['id']}` is `{entry['ledger_category']}` in the ledger, "
                     f"the check now finds `{entry['found_category']}`.")
    for entry in ledger["vanished"]:
        lines.append(f"- NO LONGER REPRODUCES: `{entry['id']}` ({entry['category']}): {entry['diagnosis']} "
                     "If it was fixed, remove it from the ledger.")
    lines += ["", f"Update the ledger with `gradaudit ledger --target {doc['target']['name']}` once the "
                  "findings are understood (new entries need a diagnosis).", ""]
    return lines


def markdown(doc: dict) -> str:
    lines = _header(doc) + _ledger_section(doc) + _reading_guide() + _summary_table(doc)
    findings = sorted(doc["findings"], key=lambda f: f["verdict"] == "known")  # stable: gate failures first
    if findings:
        lines += ["## Findings", ""]
        for finding in findings:
            lines += _finding_section(finding, doc["target"]["name"])
    return "\n".join(lines).rstrip() + "\n"
