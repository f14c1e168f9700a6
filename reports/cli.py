"""``gradaudit``: audit a target, write its report, gate CI on its ledger.

    gradaudit report [--target seed|fixed|MODULE|path.py] [--out DIR] [--profile ci|thorough|dev]
                     [--seed N] [--only COMPONENT[,COMPONENT]] [--ledger NAME|path.json] [--jobs N] [--quiet]
    gradaudit ledger [--target ...] [--profile ...] [--seed N] [--only ...] [--ledger ...]

Exit codes: 0 every finding is expected by the target's ledger; 1 a finding is
new, a ledger entry no longer reproduces, or its category changed; 2 usage error
(unknown target, a module that will not import, a bad option); 3 gradaudit itself
failed (a bug in gradaudit: the traceback is printed); 130 interrupted (no report
is written).
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
import traceback
from pathlib import Path

from reference.engine import PROFILES, cases
from reference.ledger import judge, load_ledger, path_for, save_ledger, updated
from reference.targets import BUILTIN, TargetError, load_target, provides

from . import plots, provenance, render
from .parallel import WorkerError, audit_components
from .publish import NotAReport, check_destination, publish

USAGE, INTERNAL, INTERRUPTED = 2, 3, 130
DEFAULT_JOBS = max(1, min(os.cpu_count() or 1, 4))


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump
        raise UsageError(f"{message} (see {self.prog} --help)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gradaudit", description=__doc__.splitlines()[0],
                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 2)[2])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, help_text in (("report", "audit a target, write REPORT.md, report.json and plots, gate on its ledger"),
                            ("ledger", "rewrite a target's ledger from a fresh audit (diagnoses are kept)")):
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--target", default="seed", help="seed, fixed, a module name or a .py file (default: seed)")
        command.add_argument("--profile", choices=sorted(PROFILES), default=None,
                             help="search depth (default: $HYPOTHESIS_PROFILE, else ci, which is derandomized)")
        command.add_argument("--seed", type=int, default=None,
                             help="random seed for the search (default: derandomized in the ci profile, "
                                  "else a fresh seed, printed and recorded)")
        command.add_argument("--only", metavar="COMPONENT[,COMPONENT]", default=None,
                             help="audit only these components (a partial, quicker run)")
        command.add_argument("--ledger", metavar="NAME|path.json", default=None,
                             help="judge against this ledger (default: the target's own)")
        command.add_argument("--jobs", type=int, default=DEFAULT_JOBS, metavar="N",
                             help=f"processes to audit on, one component at a time (default: {DEFAULT_JOBS}, "
                                  "the CPUs up to 4); the report does not depend on it")
        command.add_argument("--quiet", action="store_true", help="no progress on stderr")
        if name == "report":
            command.add_argument("--out", metavar="DIR", default=None,
                                 help="where to write the report (default: reports/<target>/, "
                                      "or reports/<target>-only/ with --only)")
    return parser


class Progress:
    """One updating line on a terminal; a line per component otherwise (CI logs)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.terminal = sys.stderr.isatty()
        self.last = None

    def __call__(self, done, total, label):
        if not self.enabled:
            return
        if self.terminal:
            sys.stderr.write(f"\r\033[K[{done}/{total}] {label}" + ("\n" if done == total else ""))
        else:
            component = label.split(":")[0]
            if component != self.last or done == total:
                sys.stderr.write(f"[{done}/{total}] {component}\n")
            self.last = component
        sys.stderr.flush()

    def say(self, text):
        if self.enabled:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()


def _components(only):
    if only is None:
        return None
    known = list(dict.fromkeys(entry.name for entry, _ in cases()))
    wanted = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in known]
    if unknown or not wanted:
        raise UsageError(f"--only: unknown component {', '.join(map(repr, unknown)) or '(none given)'}; "
                         f"known: {', '.join(known)}")
    return wanted


def _ledger(target, given, must_exist=True):
    """The ledger to judge against (``report``) or to rewrite (``ledger``, which may create it)."""
    if given is None:
        return load_ledger(target.ledger_name), None
    path = Path(given)
    if path.suffix == ".json":
        if must_exist and not path.is_file():
            raise UsageError(f"--ledger: no such file: {given}")
        return load_ledger(path.stem, path), given
    if must_exist and not path_for(given).is_file():
        raise UsageError(f"--ledger: no ledger named {given!r} in reference/ledgers/")
    return load_ledger(given), given


def _shown_spec(spec: str) -> str:
    """The target as given, with a path made relative (no absolute paths in the report)."""
    path = Path(spec)
    if path.suffix == ".py" and path.is_absolute():
        try:
            return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return path.as_posix()
    return spec


def _default_out(target, components) -> Path:
    return Path("reports") / (target.ledger_name + ("-only" if components else ""))


def _write(directory: Path, doc, timings, target, result, profile, progress) -> None:
    """Fill ``directory``: the plots first (they set each finding's ``plot``), then the documents."""
    shown = {(f["component"], f["check"]): f for f in doc["findings"]}
    pairs = {(entry.name, check.name): (entry, check) for entry, check in cases()}
    todo = [(f, *pairs[f.key]) for f in result.findings
            if f.key in pairs and plots.plottable(*pairs[f.key], f)]
    start = time.perf_counter()
    for index, (finding, entry, check) in enumerate(todo):
        progress.say(f"plot {index + 1}/{len(todo)}: {finding.component}:{finding.check}")
        comparison = plots.sweep_comparison(target, entry, check, profile)
        if comparison is not None:
            name = plots.filename(*finding.key)
            plots.draw(finding, comparison, directory / name)
            shown[finding.key]["plot"] = name
    timings["plots_seconds"] = round(time.perf_counter() - start, 3)
    (directory / "report.json").write_text(render.dumps(doc))
    (directory / "REPORT.md").write_text(render.markdown(doc))
    (directory / "timings.json").write_text(json.dumps(timings, indent=2) + "\n")


def _print_outcome(doc, verdict, directory):
    """What a CI log needs: what fails the gate, then the counts; the rest is in the report."""
    for finding in verdict.new:
        print(f"NEW: {finding.component}:{finding.check} ({finding.category}) {finding.summary}")
    for finding, defect in verdict.changed:
        print(f"CHANGED: {defect.id} is {defect.category} in the ledger, the check now finds {finding.category}: "
              f"{finding.summary}")
    for defect in verdict.vanished:
        print(f"NO LONGER REPRODUCES: {defect.id} ({defect.category}): if it was fixed, remove it from the ledger")
    summary, settings = doc["summary"], doc["settings"]
    counts = ", ".join(f"{n} {status}" for status, n in summary["by_verdict"].items() if n and status != "pass")
    print(f"{summary['findings']} findings on {doc['target']['name']} ({counts or 'none'}; {summary['cases']} checks, "
          f"{summary['points_swept']} points swept; profile {settings['profile']}, seed {settings['seed']})")
    print(f"{'PASS' if summary['exit_code'] == 0 else 'FAIL'}: report in {directory / 'REPORT.md'}")


def _internal(where, target) -> int:
    print(f"gradaudit: internal error while running {where} on {target}: a bug in gradaudit "
          "(the code under audit should only ever produce findings)", file=sys.stderr)
    return INTERNAL


def run(args) -> int:
    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {args.jobs}")
    components = _components(args.only)
    try:
        target = load_target(args.target)
    except TargetError as error:
        raise UsageError(str(error)) from None
    ledger, ledger_given = _ledger(target, args.ledger, must_exist=args.command == "report")
    out = None
    if args.command == "report":
        out = Path(args.out) if args.out else _default_out(target, components)
        try:
            check_destination(out)
        except NotAReport as error:
            raise UsageError(str(error)) from None
    if components is None and target.name not in BUILTIN:
        # Code nobody here wrote: audit what it offers, say what it does not.
        entries = list({entry.name: entry for entry, _ in cases()}.values())
        components = [entry.name for entry in entries if provides(target, entry)]
        if not components:
            raise UsageError(f"{args.target} provides none of the catalogue's components "
                             "(see the adapter contract in README.md)")
        missing = [entry.name for entry in entries if entry.name not in components]
        print(f"gradaudit: {args.target} provides {len(components)} of {len(entries)} catalogue components; "
              f"not provided: {', '.join(missing) or 'none'}", file=sys.stderr)
    # A report is a record: derandomized (ci) unless asked otherwise.
    profile = args.profile or os.environ.get("HYPOTHESIS_PROFILE") or "ci"
    seed = args.seed
    if seed is None and not PROFILES[profile].get("derandomize", False):
        seed = secrets.randbelow(2 ** 32)  # recorded, so this run can be replayed
    progress = Progress(not args.quiet)
    progress.say(f"gradaudit: auditing {args.target} (profile {profile}, seed {seed})")

    started = time.perf_counter()
    current = {"label": "(starting)"}

    def told(done, total, label):
        current["label"] = label
        progress(done, total, label)

    try:
        result = audit_components(args.target, target, profile, seed, components, args.jobs, told)
    except WorkerError as error:
        sys.stderr.write(error.details)
        return _internal(error.component, args.target)
    except Exception:
        traceback.print_exc()
        return _internal(current["label"], args.target)
    audit_seconds = time.perf_counter() - started

    if args.command == "ledger":
        path = save_ledger(updated(ledger, result.findings, result.ran),
                           Path(ledger_given) if ledger_given and ledger_given.endswith(".json") else None)
        print(f"wrote {path} ({len(result.findings)} findings in {len(result.ran)} checks)")
        return 0

    verdict = judge(result.findings, ledger, result.ran)
    found_versions = provenance.versions()
    doc = render.document(
        target_spec=_shown_spec(args.target), target=target, audit=result, ledger=ledger,
        ledger_given=ledger_given, verdict=verdict, versions=found_versions,
        fingerprint=provenance.fingerprint(target.module, profile, seed, sorted(components) if components else None,
                                           found_versions),
        components=components)
    timings = {"audit_seconds": round(audit_seconds, 3), "cases": result.seconds}
    try:
        directory = publish(out, lambda staging: _write(staging, doc, timings, target, result, profile, progress))
    except Exception:
        traceback.print_exc()
        return _internal("the report's writing", args.target)
    timings["total_seconds"] = round(time.perf_counter() - started, 3)
    (directory / "timings.json").write_text(json.dumps(timings, indent=2) + "\n")
    _print_outcome(doc, verdict, out)
    return doc["summary"]["exit_code"]


def main(argv=None) -> int:
    try:
        args = _parser().parse_args(argv)
        return run(args)
    except UsageError as error:
        print(f"gradaudit: {error}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("\ngradaudit: interrupted; no report written (any previous report is untouched)", file=sys.stderr)
        return INTERRUPTED
