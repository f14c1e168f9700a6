"""What a check costs: prints figures, asserts nothing.

    python benchmarks/check_cost.py

Measures, on Mish (float64): one generated-example check (ported forward and
backward plus the compiled oracle) against jax's check_grads and an
un-jitted jax.grad per point; the oracle alone per example when batched; the
dense sweep's throughput against the hand-written backward alone; and how
fast Hypothesis generates examples, which bounds everything else.
"""
import time

import jax
from jax.test_util import check_grads
import jax.numpy as jnp
import numpy as np
from hypothesis import given, settings

import ported.seed as seed
from reference import functions, oracles
from reference.catalogue import entry
from reference.checks import check
from reference.domains import examples, sweep_grid
from reference.engine import run_check
from reference.targets import load_target


def per_call(function, repeat):
    function()  # compile / warm up
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def main():
    target = load_target("seed")
    mish = entry("Mish")
    backward = check("backward")
    x1 = np.array([0.37])
    example = {"x": x1, "params": {}}

    print("one example, n=1 (ported forward + backward + compiled oracle + comparison)")
    print(f"  gradaudit backward check : {per_call(lambda: backward.evaluate(target, mish, example), 2000) * 1e6:8.1f} us")
    print(f"  jax check_grads          : "
          f"{per_call(lambda: check_grads(functions.mish, (jnp.float64(0.37),), order=1), 50) * 1e6:8.1f} us")
    grad = jax.grad(functions.mish)
    print(f"  un-jitted jax.grad       : {per_call(lambda: grad(0.37), 200) * 1e6:8.1f} us")

    batch = np.random.default_rng(0).uniform(-20, 20, 256)
    seconds = per_call(lambda: oracles.scalar_derivatives(functions.mish, batch), 200)
    print(f"\noracle on 256 points at once: {seconds / 256 * 1e6:.3f} us a point")

    grid = sweep_grid(mish.domain, points_per_decade=200)
    grid = np.concatenate([grid] * max(1, 1_000_000 // grid.size))
    sweep = {"x": grid, "params": {}}
    seconds = per_call(lambda: backward.evaluate(target, mish, sweep), 3)
    with np.errstate(all="ignore"):  # the seed's Mish overflows past x ~ 177, by design of the audit
        ported = per_call(lambda: seed.Mish().backward(grid), 3)
    print(f"\ndense sweep of {grid.size:,} points: {grid.size / seconds / 1e6:.1f} M points/s end to end, "
          f"hand-written backward alone {grid.size / ported / 1e6:.1f} M points/s")

    count = 0

    @settings(max_examples=2000, database=None, deadline=None)
    @given(examples(mish.domain, dtypes=(np.float64, np.float32)))
    def generate(drawn):
        nonlocal count
        count += 1

    start = time.perf_counter()
    generate()
    print(f"\nHypothesis generates {count / (time.perf_counter() - start):.0f} examples a second")

    for profile in ("ci",):
        start = time.perf_counter()
        run_check(target, mish, backward, profile)
        print(f"whole Mish backward check, profile {profile} (search + shrink + sweep): "
              f"{time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
