"""``gradaudit``: audit a target, print and write its report, gate CI on its ledger.

Exit codes: 0 every finding is expected by the target's ledger; 1 a finding is
new, or a ledger entry no longer reproduces; 2 usage error (unknown target, a
module that will not import, a bad option).
"""
from __future__ import annotations

import argparse
import sys

from reference.engine import PROFILES, audit, default_profile
from reference.ledger import judge, load_ledger, save_ledger, updated
from reference.targets import TargetError, load_target


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gradaudit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("report", "audit a target and print its findings"),
                            ("ledger", "rewrite a target's ledger from a fresh audit")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--target", default="seed", help="seed, fixed, a module name or a .py file (default: seed)")
        command.add_argument("--profile", choices=sorted(PROFILES), default=None,
                             help="search depth (default: $HYPOTHESIS_PROFILE, else ci under CI, else dev)")
        command.add_argument("--seed", type=int, default=None, help="random seed for the search (default: derandomized)")
        command.add_argument("--quiet", action="store_true", help="no progress line")
    return parser


def _progress(done, total, label):
    sys.stderr.write(f"\r\033[K[{done}/{total}] {label}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _table(findings) -> str:
    rows = ["| component | check | category | severity | known | summary |", "|---|---|---|---|---|---|"]
    for f in findings:
        summary = f.summary.replace("|", "\\|")
        rows.append(f"| {f.component} | {f.check} | {f.category} | {f.severity} | {f.known_defect or 'NEW'} | {summary} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        target = load_target(args.target)
    except TargetError as error:
        print(f"gradaudit: {error}", file=sys.stderr)
        return 2
    profile = args.profile or default_profile()
    result = audit(target, profile, args.seed, progress=None if args.quiet else _progress)
    ledger = load_ledger(target.ledger_name)
    if args.command == "ledger":
        path = save_ledger(updated(ledger, result.findings, result.ran))
        print(f"wrote {path} ({len(result.findings)} defects)")
        return 0
    verdict = judge(result.findings, ledger, result.ran)
    print(_table(verdict.expected + verdict.new + [f for f, _ in verdict.changed]))
    print(f"\n{len(result.findings)} findings on {target.name} ({len(result.ran)} checks, "
          f"{result.points_swept} points swept, profile {profile})")
    for finding in verdict.new:
        print(f"NEW: {finding.component}:{finding.check} ({finding.category}) {finding.summary}")
    for finding, defect in verdict.changed:
        print(f"CHANGED: {defect.id} was {defect.category}, now {finding.category}")
    for defect in verdict.vanished:
        print(f"NO LONGER REPRODUCES: {defect.id} ({defect.category}): update the ledger")
    return 0 if verdict.ok else 1
