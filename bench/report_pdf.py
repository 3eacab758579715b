"""The PDF report on its own: render time, size and peak memory for one completed valuation.

Input: the stored job of tests/fixtures/valuation_job (a software company, twelve sample peers,
eleven transactions, the RBA series) valued as the worker stores it, the report the tests check.
Rendering includes drawing the 10,000 Monte Carlo draws again for the histogram.

    python -m bench.report_pdf [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
import tracemalloc

from reports.pdf_report import render_pdf
from tests.reports.conftest import STORED_ROW, completed


def main(runs: int) -> None:
    row = json.loads(STORED_ROW.read_text())
    data = completed(row["inputs"], row["gathered"])
    pdf = render_pdf(data)  # warm-up: imports, fonts, matplotlib's caches
    timings, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        pdf = render_pdf(data)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    tracemalloc.start()
    render_pdf(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = pdf.count(b"/Type /Page\n")
    print(f"PDF report of {data.company_name}, {runs} runs after a warm-up")
    print(
        f"  render: median {statistics.median(timings) * 1000:.0f} ms wall, "
        f"{statistics.median(cpu) * 1000:.0f} ms CPU (min {min(timings) * 1000:.0f} ms)"
    )
    print(f"  size: {len(pdf) / 1024:.0f} KiB, {pages} pages")
    print(
        f"  peak memory of one render: {peak / 2**20:.1f} MiB traced by Python (tracemalloc); "
        f"process peak RSS {rss:.0f} MiB (getrusage, whole run)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    main(parser.parse_args().runs)
