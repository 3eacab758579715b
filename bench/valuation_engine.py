"""One valuation in-process, engine only (no I/O), including 10,000 Monte Carlo draws.

Inputs: a software company with four years of history and a five-year forecast, twelve sample
peers and the real RBA series. Target: under 100 ms.

    python -m bench.valuation_engine [--runs 200]
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.valuation_inputs import inputs, peers, rates
from valuation.engine import value_company


def main(runs: int) -> None:
    subject, peer_set, series = inputs(), peers(), rates()
    value_company(subject, peer_set, [], series)  # warm-up: imports, caches
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = value_company(subject, peer_set, [], series)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    draws = result.dcf.monte_carlo.draws if result.dcf else 0
    print(f"one valuation, engine only, {draws:,} Monte Carlo draws, {runs} runs")
    print(
        f"median {statistics.median(timings):.2f} ms, p95 {timings[int(0.95 * runs) - 1]:.2f} ms, "
        f"target 100 ms (ratio {statistics.median(timings) / 100:.3f} of the target)"
    )
    price = result.pricing.price_per_share
    print(f"price range A${price.low:.3f} / {price.mid:.3f} / {price.high:.3f} per share")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=200)
    main(parser.parse_args().runs)
