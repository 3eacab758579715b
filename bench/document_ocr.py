"""OCR throughput on one core and peak memory for a 10-page scanned statement.

The scan is tests/fixtures/scans.py's income statement (200 dpi, turned 1.5 degrees, noise, JPEG
artefacts), one image-only PDF page per copy, each with its own noise. It is made in a child
process so that drawing it does not count in this process's peak memory.

One core: this process is pinned to one CPU (sched_setaffinity), ONNX Runtime runs each model
with one intra-op and one inter-op thread (IPOVAL_OCR_THREADS=1, which documents/ocr.py passes
to the engine), OpenCV with one thread, and OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and
MKL_NUM_THREADS are 1 for any OpenMP or BLAS pool, all set before those libraries load.

Each page is timed from the PDF's bytes to its words: rendering at 300 dpi, denoising where
noisy, straightening and reading. Peak memory is the process's high-water resident set
(VmHWM), read before the engine loads, after it loads and after the last page.

    python -m bench.document_ocr [--pages 10] [--dpi 300] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_MAKE_SCAN = (
    "import sys\n"
    "from tests.fixtures.scans import scanned_statement_pdf\n"
    "sys.stdout.buffer.write(scanned_statement_pdf(int(sys.argv[1])))\n"
)


def _one_core(threads: int) -> str:
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    os.environ["IPOVAL_OCR_THREADS"] = str(threads)
    cpus = sorted(os.sched_getaffinity(0))
    pinned = set(cpus[:threads])
    os.sched_setaffinity(0, pinned)
    return ",".join(str(cpu) for cpu in sorted(pinned))


def _memory_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _scan(pages: int) -> bytes:
    made = subprocess.run(
        [sys.executable, "-c", _MAKE_SCAN, str(pages)],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return made.stdout


def main(pages: int, dpi: int, threads: int) -> None:
    cpus = _one_core(threads)
    data = _scan(pages)
    import cv2

    cv2.setNumThreads(threads)
    from documents import ocr
    from documents.ocr_words import lines
    from documents.rasterise import pictures

    before_load = _memory_mib("VmHWM")
    started = time.perf_counter()
    ocr.engine()
    load_seconds = time.perf_counter() - started
    after_load = _memory_mib("VmHWM")

    expected = _expected_lines()
    timings, exact = [], 0
    started_all = time.perf_counter()
    stream = pictures(data, "application/pdf", dpi)
    while True:
        started = time.perf_counter()
        picture = next(stream, None)
        if picture is None:
            break
        page = ocr.ocr_picture(picture)
        timings.append(time.perf_counter() - started)
        exact += [[w.text for w in line] for line in lines(page.words)] == expected
    total = time.perf_counter() - started_all
    peak = _memory_mib("VmHWM")

    print(f"{pages}-page scanned statement ({len(data) / 1024:.0f} KiB PDF), rendered at {dpi} dpi")
    print(f"pinned to CPU {cpus}; ONNX Runtime and OpenCV threads: {threads}")
    print(f"engine load {load_seconds:.2f} s (once per process)")
    print(
        f"{pages / total:.3f} pages/s ({total:.1f} s for {pages} pages); per page median "
        f"{statistics.median(timings):.2f} s, max {max(timings):.2f} s"
    )
    print(
        f"peak RSS {peak:.0f} MiB (before engine {before_load:.0f} MiB, after engine load "
        f"{after_load:.0f} MiB, pages add {peak - after_load:.0f} MiB)"
    )
    print(f"pages read exactly (every label and figure): {exact} of {pages}")


def _expected_lines() -> list[list[str]]:
    # The expected content without drawing anything here: the child process prints it.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from tests.fixtures.scans import expected_lines; "
            "print(json.dumps(expected_lines()))",
        ],
        cwd=ROOT,
        capture_output=True,
        check=True,
        text=True,
    )
    lines: list[list[str]] = json.loads(done.stdout)
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    main(args.pages, args.dpi, args.threads)
