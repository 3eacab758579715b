"""OCR of scanned pages and images into the words of each page, with confidences and positions.

The engine is RapidOCR (the `rapidocr` package, 3.10) on ONNX Runtime, with PaddleOCR's PP-OCRv6
small text detector and recogniser (Chinese and English vocabulary) exported to ONNX. The models
ship inside the wheel, so nothing is downloaded at first use and OCR runs without a network
(tests/documents/test_ocr.py reads a page in a process whose sockets all fail). One engine is
created per process (`engine()`): loading the models takes about a second. RapidOCR keeps
per-call options on the instance, so calls are serialised by a lock; read pages in parallel with
processes.

Each page is rasterised (documents/rasterise.py), denoised if noisy and straightened
(documents/deskew.py), and read: about 2.6 s a page on one core (bench/document_ocr.py).
The detector returns text boxes (a box is usually one cell of a statement: a label, a note, a
figure, since columns are far apart) and the recogniser each box's text with a confidence, the
mean of its characters' probabilities. A box is split into words at its spaces (documents/
ocr_words.py says how positions are given to each word). Every word of a box carries that box's
confidence: the engine's own per-word confidences are misaligned (rapidocr 3.10 pairs word i
with the probability of character i), so the box's is the finest that is right.

Positions are PDF points from the top-left corner of the straightened page (the same size as the
original: it is turned about its centre), which is the frame in which a statement's rows are level
and its columns upright.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Collection, Sequence
from typing import Any

from documents.deskew import prepare
from documents.model import PageText, Word
from documents.ocr_words import Box, line_order, mend_figures, split_box
from documents.rasterise import DEFAULT_DPI, PagePicture, pictures

# ONNX Runtime threads per model; unset, one per core. On a 2-core machine two threads read a
# page slower than one (bench/document_ocr.py), so run one per worker process and scale by
# processes.
THREADS_ENV = "IPOVAL_OCR_THREADS"
# Boxes read with less confidence than this are dropped: below it the recogniser is reading
# noise or a stamp, not type. The rest are kept with their confidence for the extraction to weigh.
MIN_CONFIDENCE = 0.3
# The engine shrinks a picture whose longer side exceeds this before detecting and reading it
# (A4 at 300 dpi to 171 dpi). Its default, kept: on the fixture, 6-point type still reads exactly
# at 2,000, and reading at 3,600 (the whole page) takes the engine 14 s a page on one core
# instead of 2.2; at 1,600 the peak memory falls by only 170 MiB of about 1 GiB.
MAX_SIDE = 2000
# The detector keeps a box whose mean text probability is at least this. The engine's 0.5 misses
# a lone note number ("7") on a noisy scan; 0.4 finds it, and adds no spurious boxes there.
BOX_THRESHOLD = 0.4

_engine: Any = None
_engine_lock = threading.Lock()
_reading = threading.Lock()


def engine() -> Any:
    """The process's RapidOCR instance, created on first use (models load once per process)."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _create_engine(_threads())
    return _engine


def ocr_pages(
    data: bytes,
    media_type: str,
    pages: Collection[int] | None = None,
    dpi: int = DEFAULT_DPI,
) -> list[PageText]:
    """The words of each page of a PDF (`application/pdf`) or an image (`image/png`,
    `image/jpeg`, `image/tiff`, every frame of a multi-page TIFF), read by OCR.

    `pages` (1-based) limits a PDF to those pages, e.g. `needs_ocr(data)`'s, so a mixed PDF's
    text pages are not read twice. Pages are rendered at `dpi` one at a time."""
    return [ocr_picture(picture) for picture in pictures(data, media_type, dpi, pages)]


def ocr_picture(picture: PagePicture) -> PageText:
    """One page's words, in reading order (top to bottom, then left to right)."""
    straight, _ = prepare(picture.image)
    reader = engine()
    with _reading:
        result = reader(straight, return_word_box=True)
    x_scale, y_scale = picture.points_per_pixel
    boxes = _boxes(result)
    words: list[Word] = []
    for box in boxes:
        words.extend(split_box(box, x_scale, y_scale))
    return PageText(
        number=picture.number,
        width=picture.width,
        height=picture.height,
        words=tuple(line_order(mend_figures(words))),
        ocr=True,
    )


def _boxes(result: Any) -> list[Box]:
    """The engine's output as boxes, each with the word pieces it located, where they fit."""
    txts: Sequence[str] = getattr(result, "txts", None) or ()
    if not txts:
        return []
    pieces: Sequence[Sequence[Any]] = getattr(result, "word_results", None) or ()
    boxes = []
    cursor = 0
    for quad, text, score in zip(result.boxes, txts, result.scores, strict=True):
        # The engine drops empty word lists without a placeholder, so pieces are matched to
        # boxes by their text rather than by index; a box whose pieces do not match gets none.
        line_pieces: list[tuple[str, list[list[float]]]] = []
        candidate = _pieces(pieces[cursor]) if cursor < len(pieces) else None
        if candidate is not None and "".join(t for t, _ in candidate) == "".join(text.split()):
            line_pieces = candidate
            cursor += 1
        boxes.append(
            Box(
                text=str(text),
                confidence=float(score),
                quad=[[float(v) for v in point] for point in quad],
                pieces=line_pieces,
            )
        )
    return boxes


def _pieces(line: Any) -> list[tuple[str, list[list[float]]]] | None:
    """One box's (text, score, corner points) pieces, or None if the engine gave another shape."""
    try:
        return [(str(text), [[float(x), float(y)] for x, y in quad]) for text, _, quad in line]
    except (TypeError, ValueError):
        return None


def _threads() -> int:
    value = os.environ.get(THREADS_ENV, "")
    return int(value) if value.strip().isdigit() and int(value) > 0 else -1


def _create_engine(threads: int) -> Any:
    from rapidocr import RapidOCR  # imported here: it loads OpenCV and ONNX Runtime

    created = RapidOCR(
        params={
            "Global.log_level": "warning",
            # The line-orientation classifier is off: it turns short figures upside down
            # ("980" read as "086", a note "6" as "9"), and a statement's lines are upright.
            "Global.use_cls": False,
            "Det.box_thresh": BOX_THRESHOLD,
            "Global.text_score": MIN_CONFIDENCE,
            "Global.max_side_len": MAX_SIDE,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": threads,
        }
    )
    # RapidOCR loads each model at its first use; load them now, so that the first page read
    # does not pay for it and a worker can warm up by calling engine() at start.
    for loader in ("_load_det_model", "_load_rec_model"):
        load = getattr(created, loader, None)
        if callable(load):
            load()
    return created
