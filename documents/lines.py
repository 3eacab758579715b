"""Words into printed lines, and lines into phrases.

A statement is a grid drawn with text: its rows are the words sharing a baseline, its columns the
words stacked at one horizontal position. Words join a line when their vertical centres lie within
40% of a word's height of the line's centre, which keeps superscript note marks and OCR's uneven
boxes on their line while two lines set 12 points apart stay apart. Within a line, a gap wider
than 60% of the words' height (about two spaces) separates phrases: "30 June 2025" is one
phrase, a label and the figures beside it are several.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from documents.model import PageText, Word

_SAME_LINE = 0.4
_PHRASE_GAP = 0.6


@dataclass(frozen=True, slots=True)
class TextLine:
    page: int
    words: tuple[Word, ...]  # left to right

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _centre(word: Word) -> float:
    return (word.top + word.bottom) / 2


def _height(word: Word) -> float:
    return max(word.bottom - word.top, 1.0)


def group_lines(page: PageText) -> list[TextLine]:
    """The page's lines, top to bottom, each with its words left to right."""
    words = sorted((w for w in page.words if w.text.strip()), key=_centre)
    groups: list[list[Word]] = []
    total = centre = height = 0.0
    for word in words:
        middle, tall = _centre(word), _height(word)
        if groups and abs(middle - centre) <= _SAME_LINE * max(tall, height):
            group = groups[-1]
            group.append(word)
            total += middle
            centre = total / len(group)
            height = max(height, tall)
        else:
            groups.append([word])
            total = centre = middle
            height = tall
    return [
        TextLine(page.number, tuple(sorted(group, key=lambda w: w.x0)))
        for group in sorted(groups, key=lambda g: min(w.top for w in g))
    ]


def phrases(words: Sequence[Word]) -> list[Phrase]:
    """Runs of words separated by no more than a couple of spaces."""
    found: list[list[Word]] = []
    for word in words:
        if found:
            previous = found[-1][-1]
            gap = word.x0 - previous.x1
            if gap <= _PHRASE_GAP * min(_height(word), _height(previous)):
                found[-1].append(word)
                continue
        found.append([word])
    return [Phrase(tuple(group)) for group in found]


def lowest_confidence(words: Iterable[Word]) -> float:
    return min((word.confidence for word in words), default=1.0)
