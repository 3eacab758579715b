"""The document extraction stage on its own: text-PDF pages per second on one core, per-field
accuracy over the fixture set, and peak memory for a 150-page report.

Inputs are generated (tests/fixtures/statements): a 150-page Australian annual report (the three
statements and 144 pages of notes, each with prose and a table), and the fixture set whose true
figures tests/fixtures/statements/truth.py states. Accuracy counts a field right when it equals the
truth to the unit, or is None where the document does not give it.

    python -m bench.document_extraction [--pages 150] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

from documents.extract import extract_pages, extract_pdf_text
from documents.model import Field
from documents.pdf_text import pdf_pages
from tests.fixtures.statements.long_report import report
from tests.fixtures.statements.truth import AUSTRALIAN, CASES, scored


def _speed(data: bytes, pages: int, runs: int) -> None:
    extract_pdf_text(data)  # warm-up: imports, caches
    read_times, extract_times = [], []
    for _ in range(runs):
        started = time.process_time()
        words = pdf_pages(data)
        read = time.process_time()
        extraction = extract_pages(words)
        read_times.append(read - started)
        extract_times.append(time.process_time() - read)
    read_s, extract_s = min(read_times), min(extract_times)
    total = read_s + extract_s
    print(f"{pages}-page text PDF, one core (CPU time, best of {runs}):")
    print(f"  words with positions (pdfplumber)  {read_s:6.2f} s  {pages / read_s:7.1f} pages/s")
    print(
        f"  statements, mapping and checks     {extract_s:6.2f} s  {pages / extract_s:7.1f} pages/s"
    )
    print(f"  whole stage                        {total:6.2f} s  {pages / total:7.1f} pages/s")
    latest = max(extraction.periods, key=lambda p: str(p.fiscal_year_end))
    right = sum(
        latest.value(name) == AUSTRALIAN[latest.fiscal_year_end][name]  # type: ignore[index]
        for name in Field
    )
    print(
        f"  its latest period: {right} of {len(Field)} fields right, "
        f"{len(extraction.issues)} issues"
    )


def _memory(data: bytes, pages: int) -> None:
    tracemalloc.start()
    extract_pdf_text(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory for the {pages}-page report: {peak / 2**20:.1f} MiB traced by Python "
        f"(tracemalloc); process peak RSS {rss:.0f} MiB (getrusage, whole run)"
    )


def _accuracy() -> None:
    totals: dict[Field, tuple[int, int]] = {}
    print("per-field accuracy over the fixture set (right / periods):")
    for case in CASES:
        score = scored(case, case.extract())
        hits = sum(h for h, _ in score.values())
        count = sum(t for _, t in score.values())
        print(f"  {case.name:<40} {hits:>3} / {count:<3}")
        for name, (h, t) in score.items():
            before = totals.get(name, (0, 0))
            totals[name] = (before[0] + h, before[1] + t)
    for name in Field:
        h, t = totals.get(name, (0, 0))
        print(f"  {name.value:<32} {h:>3} / {t:<3} {100 * h / t if t else 0:5.1f}%")


def main(pages: int, runs: int) -> None:
    started = time.perf_counter()
    data = report(pages)
    print(
        f"generated the {pages}-page report ({len(data) / 1024:.0f} KiB) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    _speed(data, pages, runs)
    _memory(data, pages)
    _accuracy()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    main(arguments.pages, arguments.runs)
