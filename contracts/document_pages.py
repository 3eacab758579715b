"""A page that OCR has read, as stored between deliveries of its document's job.

Compact: a page holds a few hundred words, each kept as [text, x0, top, x1, bottom, confidence],
so that a 300-page scan's pages stay a few megabytes. `VERSION` names the encoding; a page stored
in another version is read again rather than misread.
"""

from __future__ import annotations

from typing import Any

from documents.model import PageText, Word

VERSION = 1


def encode_page(page: PageText) -> dict[str, Any]:
    return {
        "version": VERSION,
        "width": page.width,
        "height": page.height,
        "ocr": page.ocr,
        "words": [[w.text, w.x0, w.top, w.x1, w.bottom, w.confidence] for w in page.words],
    }


def decode_page(number: int, stored: dict[str, Any]) -> PageText | None:
    """The page, or None when it was stored in another version of this encoding."""
    if stored.get("version") != VERSION:
        return None
    return PageText(
        number=number,
        width=float(stored["width"]),
        height=float(stored["height"]),
        words=tuple(
            Word(str(text), float(x0), float(top), float(x1), float(bottom), float(confidence))
            for text, x0, top, x1, bottom, confidence in stored["words"]
        ),
        ocr=bool(stored["ocr"]),
    )
