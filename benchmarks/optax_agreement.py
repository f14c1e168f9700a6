"""Print how closely each reference optimizer agrees with optax.

Runs the cases of ``tests/test_reference_optimizers_vs_optax.py`` (same seeded
gradient stream, same variant mapping, same error measure) and prints, per
case, the largest relative difference over every step and element, with the
test's tolerance for comparison.

    python benchmarks/optax_agreement.py [--steps N] [--seed S]
"""
from __future__ import annotations

import argparse
import importlib.util
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_cases():
    """The test module is the single source of the cases and the error measure."""
    path = ROOT / "tests" / "test_reference_optimizers_vs_optax.py"
    spec = importlib.util.spec_from_file_location("optax_agreement_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None):
    cases = load_cases()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=cases.NUM_STEPS)
    parser.add_argument("--seed", type=int, default=cases.SEED)
    args = parser.parse_args(argv)

    grads_w, grads_b = cases.gradient_stream(args.seed, args.steps)
    print(f"reference vs optax: {args.steps} steps, w {grads_w.shape[1:]}, b {grads_b.shape[1:]}, "
          f"seed {args.seed}, float64; tolerance in the test {cases.RTOL:.0e}")
    print(f"{'case':28s} {'algorithm':14s} {'max rel. diff':>13s} {'max |step|':>11s} {'time':>7s}  variant mapping")
    worst = 0.0
    for case in cases.CASES:
        start = time.perf_counter()
        difference, largest_step = cases.compare(case, grads_w, grads_b)
        elapsed = time.perf_counter() - start
        worst = max(worst, difference)
        print(f"{case.id:28s} {case.name:14s} {difference:13.2e} {largest_step:11.2e} {elapsed:6.2f}s  {case.mapping}")
    print(f"worst: {worst:.2e}")
    return 0 if worst <= cases.RTOL else 1


if __name__ == "__main__":
    sys.exit(main())
