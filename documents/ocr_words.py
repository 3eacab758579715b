"""Words from OCR text boxes: splitting a box at its spaces, mending figures split apart, and
putting the words in reading order.

A box's word positions come from the recogniser itself where it can give them: its CTC decoder
knows in which of the line strip's columns each character was read, so rapidocr locates each run
of characters between spaces (`pieces`). Where a box's pieces do not spell its text, each word's
left and right edges are interpolated from its characters' offsets in the text, as if every
character were equally wide; in proportional type that misplaces a word's edges by a fraction of
a character, far less than the gap between two statement columns. A word spans the box's height.

Figures are kept whole as a statement prints them: "(1,234)", "$'000", "12.5%". The recogniser
sometimes reads a bracket or a dollar sign as a separate box, or a space inside "1, 234"; such
pieces are joined again when they touch (`mend_figures`). Characters the recogniser's
Chinese-English vocabulary gives in full width ("（", "，") become ASCII, and typographic quotes
become "'" so that "$’000" reads "$'000".
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from documents.model import Word

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "′": "'"})
_TOKEN = re.compile(r"\S+")
_OPENERS = frozenset({"(", "$", "$(", "($", "-", "–", "—", "A$"})
_CLOSERS = frozenset({")", "%", ")%"})
_THOUSANDS_TAIL = re.compile(r"^\d{3}(?:[.,]\d{3})*(?:\.\d+)?\)?%?$")
# Pieces nearer than this (in heights of the word) belong together; a column gap is several.
_TOUCHING = 0.6
_THOUSANDS_TOUCHING = 0.4


@dataclass(frozen=True, slots=True)
class Box:
    """One detected text box in pixels: its text, confidence, corner points (clockwise from the
    top left) and the word pieces the engine located in it (text, corner points)."""

    text: str
    confidence: float
    quad: list[list[float]]
    pieces: list[tuple[str, list[list[float]]]] = field(default_factory=list)

    @property
    def rect(self) -> tuple[float, float, float, float]:
        xs = [point[0] for point in self.quad]
        ys = [point[1] for point in self.quad]
        return min(xs), min(ys), max(xs), max(ys)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def split_box(box: Box, x_scale: float, y_scale: float) -> list[Word]:
    """The box's words in points (`x_scale`, `y_scale`: points per pixel), left to right."""
    left, top, right, bottom = box.rect
    tokens = [(match.start(), match.end(), match.group()) for match in _TOKEN.finditer(box.text)]
    spans = _spans_from_pieces(tokens, box.pieces, left, right)
    if spans is None:
        length = max(len(box.text), 1)
        spans = [
            (left + (right - left) * start / length, left + (right - left) * end / length)
            for start, end, _ in tokens
        ]
    confidence = min(max(box.confidence, 0.0), 1.0)
    return [
        Word(
            text=normalise(text),
            x0=x0 * x_scale,
            top=top * y_scale,
            x1=x1 * x_scale,
            bottom=bottom * y_scale,
            confidence=confidence,
        )
        for (_, _, text), (x0, x1) in zip(tokens, spans, strict=True)
    ]


def _spans_from_pieces(
    tokens: list[tuple[int, int, str]],
    pieces: list[tuple[str, list[list[float]]]],
    left: float,
    right: float,
) -> list[tuple[float, float]] | None:
    """Each token's left and right edge from the engine's pieces, or None where they disagree
    with the text (or fall outside the box, which would be a misplaced piece)."""
    if not pieces:
        return None
    spans: list[tuple[float, float]] = []
    remaining = list(pieces)
    slack = (right - left) * 0.02 + 2
    for _, _, token in tokens:
        spelt, xs = "", list[float]()
        while remaining and len(spelt) < len(token):
            text, quad = remaining.pop(0)
            spelt += text
            xs.extend(point[0] for point in quad)
        if spelt != token or not xs or min(xs) < left - slack or max(xs) > right + slack:
            return None
        spans.append((max(min(xs), left), min(max(xs), right)))
    return spans if not remaining else None


def lines(words: Iterable[Word]) -> list[list[Word]]:
    """The words grouped into lines, top to bottom, each left to right: a word joins a line when
    its vertical centre is within half the line's typical height of the line's centre."""
    ordered = sorted(words, key=lambda word: (word.top + word.bottom) / 2)
    grouped: list[list[Word]] = []
    for word in ordered:
        centre = (word.top + word.bottom) / 2
        if grouped:
            line = grouped[-1]
            line_centre = statistics.fmean((w.top + w.bottom) / 2 for w in line)
            height = statistics.median(w.bottom - w.top for w in line)
            if abs(centre - line_centre) <= height / 2:
                line.append(word)
                continue
        grouped.append([word])
    return [sorted(line, key=lambda word: word.x0) for line in grouped]


def line_order(words: Iterable[Word]) -> list[Word]:
    return [word for line in lines(words) for word in line]


def mend_figures(words: Iterable[Word]) -> list[Word]:
    """Words with a figure's separated pieces joined: "(" "1,234)" -> "(1,234)", "1,234" ")" ->
    "1,234)", "1," "234" -> "1,234", "$" "'000" -> "$'000", when the pieces touch."""
    mended: list[Word] = []
    for line in lines(words):
        for word in line:
            if mended and _joins(mended[-1], word):
                mended[-1] = _joined(mended[-1], word)
            else:
                mended.append(word)
    return mended


def _joins(before: Word, after: Word) -> bool:
    if abs((before.top + before.bottom) - (after.top + after.bottom)) > (
        before.bottom - before.top
    ):
        return False  # not on the same line
    gap = after.x0 - before.x1
    height = max(before.bottom - before.top, after.bottom - after.top)
    if gap > height * _TOUCHING:
        return False
    if before.text in _OPENERS and after.text[:1].isdigit():
        return True
    if before.text == "$" and after.text.startswith("'"):
        return True
    if after.text in _CLOSERS and before.text[-1:].isdigit():
        return True
    return (
        before.text.endswith(",")
        and before.text[:-1].lstrip("($-").replace(",", "").isdigit()
        and bool(_THOUSANDS_TAIL.match(after.text))
        and gap <= height * _THOUSANDS_TOUCHING
    )


def _joined(before: Word, after: Word) -> Word:
    return Word(
        text=before.text + after.text,
        x0=min(before.x0, after.x0),
        top=min(before.top, after.top),
        x1=max(before.x1, after.x1),
        bottom=max(before.bottom, after.bottom),
        confidence=min(before.confidence, after.confidence),
    )
