"""The report generator: its outputs, its schema, its exit codes, its robustness.

Most tests run ``gradaudit report`` in-process on a few components (``--only``)
to stay fast; the whole seed audit runs in CI's report job, and the committed
``reports/seed/`` is checked for currency by fingerprint, without re-running it.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reference.findings import CATEGORIES, SEVERITIES
from reports import plots, provenance, render
from reports.cli import main

ROOT = Path(__file__).resolve().parent.parent
TARGETS = Path(__file__).parent / "targets"
SCHEMA_DOC = ROOT / "reports" / "SCHEMA.md"
COMMITTED = ROOT / "reports" / "seed"
# Plots (Mish), a row function (softmin), a dtype finding (step), a registry
# crash (threshold) and a loss (Square): every shape of finding, quickly.
SAMPLE = "Mish,softmin,step,threshold,Square"


def report(tmp_path, *args, name="out"):
    out = tmp_path / name
    code = main(["report", "--quiet", "--profile", "ci", "--out", str(out), *args])
    return code, out


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    code, out = report(tmp_path_factory.mktemp("sample"), "--target", "seed", "--only", SAMPLE, "--jobs", "2")
    return code, out, json.loads((out / "report.json").read_text())


# The schema, read from SCHEMA.md ----------------------------------------------

def documented_schema(text):
    """``{object name: {field: type}}`` from the tables under each ``### `name``` heading."""
    objects, current = {}, None
    for line in text.splitlines():
        heading = re.match(r"^### `(\w+)`", line)
        if heading:
            current = objects.setdefault(heading.group(1), {})
            continue
        row = re.match(r"^\| `(\w+)` \| ([^|]+) \|", line)
        if row and current is not None:
            current[row.group(1)] = row.group(2).strip()
    return objects


def conforms(value, kind, objects, where, problems):
    alternatives = kind.split(" or ")
    for alternative in alternatives:
        trial = []
        _conforms(value, alternative.strip(), objects, where, trial)
        if not trial:
            return
    if len(alternatives) == 1:
        problems.extend(trial)
    else:
        problems.append(f"{where}: {value!r} is none of {kind}")


def _conforms(value, kind, objects, where, problems):
    simple = {"string": str, "boolean": bool, "null": type(None)}
    if kind == "any":
        return
    if kind in simple:
        if not isinstance(value, simple[kind]):
            problems.append(f"{where}: expected {kind}, got {value!r}")
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{where}: expected integer, got {value!r}")
    elif kind == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{where}: expected number, got {value!r}")
    elif kind.startswith("array of "):
        if not isinstance(value, list):
            problems.append(f"{where}: expected an array, got {value!r}")
            return
        for index, item in enumerate(value):
            conforms(item, kind[len("array of "):], objects, f"{where}[{index}]", problems)
    elif kind.startswith("map of "):
        if not isinstance(value, dict):
            problems.append(f"{where}: expected an object, got {value!r}")
            return
        for key, item in value.items():
            conforms(item, kind[len("map of "):], objects, f"{where}.{key}", problems)
    elif kind.startswith("object "):
        name = kind[len("object "):]
        fields = objects.get(name)
        if fields is None:
            problems.append(f"{where}: SCHEMA.md documents no object {name!r}")
        elif not isinstance(value, dict):
            problems.append(f"{where}: expected object {name}, got {value!r}")
        else:
            for field in value.keys() - fields.keys():
                problems.append(f"{where}.{field}: not documented in SCHEMA.md (object {name})")
            for field, field_kind in fields.items():
                if field not in value:
                    problems.append(f"{where}.{field}: documented but missing")
                else:
                    conforms(value[field], field_kind, objects, f"{where}.{field}", problems)
    else:
        problems.append(f"{where}: SCHEMA.md uses an unknown type {kind!r}")


def validate(document):
    problems = []
    conforms(document, "object report", documented_schema(SCHEMA_DOC.read_text()), "report", problems)
    return problems


def test_schema_document_is_parsed():
    objects = documented_schema(SCHEMA_DOC.read_text())
    assert {"report", "finding", "case", "settings", "versions", "ledger", "repro"} <= objects.keys()
    assert objects["report"]["findings"] == "array of object finding"


def test_the_validator_rejects_what_it_should(sample):
    _, _, document = sample
    broken = json.loads(json.dumps(document))
    broken["surprise"] = 1
    del broken["settings"]["seed"]
    broken["summary"]["cases"] = "many"
    problems = "\n".join(validate(broken))
    assert "report.surprise: not documented" in problems
    assert "report.settings.seed: documented but missing" in problems
    assert "report.summary.cases: expected integer" in problems


def test_generated_report_follows_the_documented_schema(sample):
    _, _, document = sample
    assert document["schema"] == render.SCHEMA
    assert validate(document) == []
    for finding in document["findings"]:
        assert finding["category"] in CATEGORIES
        assert finding["severity"] in SEVERITIES
        assert all(len(pair) == 2 and pair[0] <= pair[1] for pair in finding["intervals"])
    assert {case["verdict"] for case in document["cases"]} <= render.VERDICTS.keys()
    assert sum(document["summary"]["by_verdict"].values()) == document["summary"]["cases"]


def test_committed_seed_report_follows_the_documented_schema():
    assert validate(json.loads((COMMITTED / "report.json").read_text())) == []


# What the sample report says ---------------------------------------------------

def test_sample_report_has_a_section_per_finding_and_its_plots(sample):
    code, out, document = sample
    assert code == 0, "the seed ledger should expect every finding of these components"
    page = (out / "REPORT.md").read_text()
    assert document["findings"], "the sample components have known defects"
    for finding in document["findings"]:
        assert f'<a name="{render.anchor(finding["component"], finding["check"])}"></a>' in page
        assert finding["repro"]["gradaudit"] in page
        if finding["plot"]:
            assert (out / finding["plot"]).read_bytes().startswith(b"\x89PNG")
            assert f"]({finding['plot']})" in page
    plotted = [f for f in document["findings"] if f["plot"]]
    assert any(f["component"] == "Mish" for f in plotted), "Mish's overflow has intervals, hence a plot"
    finding = plotted[0]
    assert finding["intervals"] and finding["diagnosis"] and finding["verdict"] == "known"
    anchor = render.anchor(finding["component"], finding["check"])
    section = page.split(f'<a name="{anchor}"></a>')[1].split("<a name=")[0]
    labels = ["ported (the code under audit)", "Where it fails", "Diagnosis", finding["plot"],
              f"test_check_matches_ledger[{finding['component']}:{finding['check']}-seed]"]
    labels += [render.LABELS[key] for key in finding["counterexample"] if key in render.LABELS]
    for label in labels:
        assert label in section, label
    assert (out / "timings.json").is_file()
    assert "seconds" not in (out / "report.json").read_text()


def test_repro_pytest_ids_are_real_test_ids(sample):
    _, _, document = sample
    collected = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                                "tests/test_catalogue.py"], cwd=ROOT, capture_output=True, text=True).stdout
    ids = set(collected.split())
    repros = [f["repro"]["pytest"] for f in document["findings"]]
    assert repros and all(repros)
    for repro in repros:
        assert re.search(r'"(.+)"', repro).group(1) in ids, repro


def test_same_target_profile_and_seed_give_identical_report(sample, tmp_path):
    """Run again, serially this time (the sample ran on the default --jobs): identical bytes."""
    _, first, _ = sample
    code, second = report(tmp_path, "--target", "seed", "--only", SAMPLE, "--jobs", "1")
    assert code == 0
    names = sorted(p.name for p in first.iterdir() if p.name != "timings.json")
    assert names == sorted(p.name for p in second.iterdir() if p.name != "timings.json")
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs between runs"


def test_a_random_profile_records_its_seed(tmp_path):
    code, out = report(tmp_path, "--target", "fixed", "--only", "identity", "--profile", "dev")
    document = json.loads((out / "report.json").read_text())
    assert code == 0 and isinstance(document["settings"]["seed"], int)
    assert f"--seed {document['settings']['seed']}" in (out / "REPORT.md").read_text()


# Exit codes ----------------------------------------------------------------------

def test_fixed_target_passes(tmp_path, capsys):
    code, out = report(tmp_path, "--target", "fixed", "--only", "softmin,Mish,bent-identity,SELU")
    assert code == 0, capsys.readouterr().out
    document = json.loads((out / "report.json").read_text())
    assert document["findings"] == [] and document["summary"]["exit_code"] == 0


def test_fixing_a_known_defect_fails_the_gate_and_names_it(tmp_path, capsys):
    code, out = report(tmp_path, "--target", str(TARGETS / "seed_softmin_fixed.py"), "--ledger", "seed",
                       "--only", "softmin")
    printed = capsys.readouterr().out
    assert code == 1
    assert "NO LONGER REPRODUCES: softmin:backward " in printed
    document = json.loads((out / "report.json").read_text())
    assert "softmin:backward" in [d["id"] for d in document["ledger"]["vanished"]]
    touched = document["ledger"]["new"] + [d["id"] for d in document["ledger"]["changed"]]
    assert not [label for label in touched if label.startswith("softmin:backward")]
    assert document["target"]["name"] == "tests/targets/seed_softmin_fixed.py"  # relative, not absolute
    assert "VANISHED" in (out / "REPORT.md").read_text()


def test_a_new_finding_fails_the_gate(tmp_path, capsys):
    # The patched module judged against its own (absent) ledger: every finding is new.
    code, _ = report(tmp_path, "--target", str(TARGETS / "seed_softmin_fixed.py"), "--only", "softmin")
    assert code == 1
    assert "NEW: softmin:vjp (wrong-derivative)" in capsys.readouterr().out


def test_a_module_target_is_audited_on_what_it_provides(tmp_path, capsys):
    code, out = report(tmp_path, "--target", str(TARGETS / "small_adapter.py"))
    assert "provides 2 of" in capsys.readouterr().err
    doc = json.loads((out / "report.json").read_text())
    assert {case["component"] for case in doc["cases"]} == {"sigmoid", "tanh"}
    assert code == 1 and [(f["component"], f["check"]) for f in doc["findings"]] == [("sigmoid", "backward-finite")]


@pytest.mark.parametrize("args, message", [
    (["--target", "no_such_module_anywhere"], "unknown target 'no_such_module_anywhere'"),
    (["--target", str(TARGETS / "does_not_exist.py")], "no such file"),
    (["--target", str(TARGETS / "broken_import.py")], "failed to import: ImportError: this module is broken"),
    (["--profile", "fastest"], "invalid choice: 'fastest'"),
    (["--seed", "twelve"], "invalid int value: 'twelve'"),
    (["--only", "Mish,NoSuchThing"], "unknown component 'NoSuchThing'"),
    (["--ledger", "no_such_ledger"], "no ledger named 'no_such_ledger'"),
    (["--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["--jobs", "0"], "--jobs must be at least 1"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path, capsys, args, message):
    code, out = report(tmp_path, *args)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("\n") == 1 and captured.err.startswith("gradaudit: "), captured.err
    assert message in captured.err and "Traceback" not in captured.err
    assert not out.exists()


def test_refuses_to_replace_a_directory_that_is_not_a_report(tmp_path, capsys):
    precious = tmp_path / "out"
    precious.mkdir()
    (precious / "notes.txt").write_text("mine")
    code, _ = report(tmp_path, "--target", "fixed", "--only", "identity")
    assert code == 2 and "not a gradaudit report directory" in capsys.readouterr().err
    assert (precious / "notes.txt").read_text() == "mine"


def test_python_dash_m_reports_is_the_same_cli():
    run = subprocess.run([sys.executable, "-m", "reports", "report", "--target", "no_such_target_xyz"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [run.stderr.strip()] and "unknown target" in run.stderr


# Robustness ------------------------------------------------------------------------

BAD = {  # component -> the categories its misbehaviour must produce
    "ReLU": {"crash"},  # constructor raises
    "sigmoid": {"crash"},  # backward returns None
    "tanh": {"crash", "dtype"},  # forward returns a list, which its backward cannot use
    "softsign": {"crash"},  # backward of the wrong shape
    "ELU": {"dtype", "wrong-derivative"},  # integer backward
    "softplus": {"non-finite", "crash"},  # forward overflows to inf; the registry raises for it
    "hard-sigmoid": {"wrong-value", "crash"},  # wrong slope; the registry raises for it
}


def test_bad_code_under_test_becomes_findings_and_a_report(tmp_path):
    code, out = report(tmp_path, "--target", str(TARGETS / "bad_module.py"), "--only", ",".join(BAD))
    assert code == 1
    document = json.loads((out / "report.json").read_text())
    assert validate(document) == []
    found = {}
    for finding in document["findings"]:
        found.setdefault(finding["component"], set()).add(finding["category"])
    for component, categories in BAD.items():
        assert categories <= found.get(component, set()), (component, found.get(component))
    summaries = " ".join(f["summary"] for f in document["findings"])
    for evidence in ("raised RuntimeError: this constructor is broken", "returned None", "'list'",
                     "returned shape (2,)", "int64", "gives inf", "registry is broken for 'softplus'"):
        assert evidence in summaries
    assert (out / "REPORT.md").is_file()
    assert len(document["cases"]) == document["summary"]["cases"] > 0


def _previous_report(directory):
    directory.mkdir()
    (directory / "report.json").write_text(json.dumps({"schema": render.SCHEMA, "marker": "previous"}))
    (directory / "REPORT.md").write_text("previous\n")


def _leftovers(directory):
    return sorted(p.name for p in directory.parent.iterdir() if p.name.startswith("."))


def test_interrupted_audit_writes_nothing_and_keeps_the_previous_report(tmp_path, monkeypatch, capsys):
    import reports.parallel as parallel

    real_audit = parallel.audit

    def interrupted(*args, progress=None, **kwargs):
        def told(done, total, label):
            if done == 2:
                raise KeyboardInterrupt
        return real_audit(*args, progress=told, **kwargs)

    monkeypatch.setattr(parallel, "audit", interrupted)
    _previous_report(tmp_path / "out")
    code, out = report(tmp_path, "--target", "fixed", "--only", "identity")
    assert code == 130 and "interrupted" in capsys.readouterr().err
    assert json.loads((out / "report.json").read_text())["marker"] == "previous"
    assert _leftovers(out) == []


@pytest.mark.parametrize("error, exit_code", [(KeyboardInterrupt, 130), (RuntimeError, 3)])
def test_interrupted_or_failed_write_keeps_the_previous_report(tmp_path, monkeypatch, error, exit_code):
    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(plots, "draw", broken)
    _previous_report(tmp_path / "out")
    code, out = report(tmp_path, "--target", "seed", "--only", "Mish")
    assert code == exit_code
    assert (out / "REPORT.md").read_text() == "previous\n"
    assert sorted(p.name for p in out.iterdir()) == ["REPORT.md", "report.json"]
    assert _leftovers(out) == []


def test_a_finished_run_replaces_the_previous_report_whole(tmp_path):
    _previous_report(tmp_path / "out")
    (tmp_path / "out" / "stale.png").write_bytes(b"old plot")
    code, out = report(tmp_path, "--target", "fixed", "--only", "identity")
    assert code == 0
    assert not (out / "stale.png").exists() and "marker" not in (out / "report.json").read_text()
    assert _leftovers(out) == []


# The committed seed report -------------------------------------------------------

# The committed report is generated in the gate's environment (the fresh venv of .ci/run), so that the
# gate judges its currency in full; elsewhere, library versions may differ and only the sources are compared.
REGENERATE = ("bash .ci/run (or any fresh venv with pip install -e '.[test]'), then "
              ".venv-ci/bin/gradaudit report --target seed --profile ci")


def test_committed_seed_report_is_current():
    """Recompute the inputs' fingerprint instead of re-running the audit."""
    committed = json.loads((COMMITTED / "report.json").read_text())
    settings = committed["settings"]
    assert (settings["profile"], settings["seed"], settings["components"]) == ("ci", None, None), (
        f"reports/seed/ must be a whole, derandomized ci audit: regenerate it with {REGENERATE}")
    import ported.seed

    sources = provenance.sources_digest(ported.seed)
    assert committed["fingerprint"]["sources"] == sources, (
        "reports/seed/ is stale: ported/seed, reference/ (or its ledgers) or reports/ changed since it was "
        f"generated. Regenerate it with\n    {REGENERATE}\nand commit reports/seed/.")
    here = provenance.versions()
    if committed["versions"] != here:
        differ = {k: (committed["versions"].get(k), v) for k, v in here.items() if committed["versions"].get(k) != v}
        pytest.skip(f"reports/seed/ was generated with other library versions {differ}: its currency can only be "
                    "judged where it was generated")
    expected = provenance.fingerprint(ported.seed, "ci", None, None, here)
    assert committed["fingerprint"] == expected, f"reports/seed/ is stale: regenerate it with {REGENERATE}"


def test_committed_seed_report_is_complete():
    committed = json.loads((COMMITTED / "report.json").read_text())
    page = (COMMITTED / "REPORT.md").read_text()
    assert committed["summary"]["exit_code"] == 0
    for finding in committed["findings"]:
        if finding["plot"]:
            assert (COMMITTED / finding["plot"]).is_file(), finding["plot"]
            assert f"]({finding['plot']})" in page
    pngs = {p.name for p in COMMITTED.glob("*.png")}
    assert pngs == {f["plot"] for f in committed["findings"] if f["plot"]}, "stray or missing plots"


def test_github_workflow_runs_the_ci_gate_and_uploads_the_seed_report():
    workflow = (ROOT / ".github" / "workflows" / "gate.yml").read_text()
    for needed in ("pull_request:", "push:", "actions/setup-python", '"3.11"', "bash .ci/run",
                   "gradaudit report --target seed --profile ci", "actions/upload-artifact", "path: reports/seed/"):
        assert needed in workflow, needed


def test_an_error_inside_gradaudit_exits_3_naming_the_case(tmp_path, monkeypatch, capsys):
    import reports.parallel as parallel

    real_audit = parallel.audit

    def broken(*args, progress=None, **kwargs):
        def told(done, total, label):
            progress(done, total, label)
            if done == 1:
                raise RuntimeError("a bug in gradaudit")
        return real_audit(*args, progress=told, **kwargs)

    monkeypatch.setattr(parallel, "audit", broken)
    code, out = report(tmp_path, "--target", "fixed", "--only", "identity")
    error = capsys.readouterr().err
    assert code == 3 and "RuntimeError: a bug in gradaudit" in error
    assert "internal error while running identity:backward on fixed" in error
    assert not out.exists()


def test_ledger_command_writes_findings_to_diagnose(tmp_path, capsys):
    ledger = tmp_path / "bad.json"
    code = main(["ledger", "--quiet", "--profile", "ci", "--target", str(TARGETS / "bad_module.py"),
                 "--only", "softsign", "--ledger", str(ledger)])
    assert code == 0 and str(ledger) in capsys.readouterr().out
    defects = json.loads(ledger.read_text())["defects"]
    assert {d["id"] for d in defects} >= {"softsign:backward", "softsign:dtype"}
    assert all(d["diagnosis"].startswith("(to diagnose)") for d in defects)


def test_ctrl_c_during_a_parallel_audit_stops_the_workers_and_writes_nothing(tmp_path):
    import signal

    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "reports", "report", "--target", "seed", "--profile", "ci",
                            "--only", "softmin,SELU,bent-identity,Mish", "--jobs", "2", "--out", str(out)],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while "[1/4]" not in (line := run.stderr.readline()):
            assert line, "the audit ended before it could be interrupted"
        run.send_signal(signal.SIGINT)
        assert run.wait(timeout=60) == 130
    finally:
        run.kill()
    assert "interrupted; no report written" in run.stderr.read()
    assert list(tmp_path.iterdir()) == []
