"""Splitting OCR boxes into words, mending split figures, reading order."""

from __future__ import annotations

import pytest

from documents.model import Word
from documents.ocr_words import Box, lines, mend_figures, normalise, split_box


def _quad(left: float, top: float, right: float, bottom: float) -> list[list[float]]:
    return [[left, top], [right, top], [right, bottom], [left, bottom]]


def _word(text: str, x0: float, x1: float, top: float = 100.0) -> Word:
    return Word(text, x0, top, x1, top + 12, 0.9)


def test_a_box_with_matching_pieces_takes_each_words_edges_from_them() -> None:
    box = Box(
        "Profit for the year",
        0.97,
        _quad(100, 50, 400, 80),
        [
            ("Profit", _quad(102, 50, 180, 80)),
            ("for", _quad(190, 50, 230, 80)),
            ("the", _quad(240, 50, 280, 80)),
            ("year", _quad(290, 50, 398, 80)),
        ],
    )
    words = split_box(box, 0.5, 0.5)
    assert [w.text for w in words] == ["Profit", "for", "the", "year"]
    assert [(w.x0, w.x1) for w in words] == [(51, 90), (95, 115), (120, 140), (145, 199)]
    assert all((w.top, w.bottom, w.confidence) == (25, 40, 0.97) for w in words)


def test_a_word_split_into_two_pieces_by_the_engine_is_one_word() -> None:
    box = Box(
        "Revenue 125,400",
        0.9,
        _quad(0, 0, 300, 20),
        [
            ("Revenue", _quad(0, 0, 100, 20)),
            ("125,", _quad(200, 0, 250, 20)),
            ("400", _quad(252, 0, 300, 20)),
        ],
    )
    assert [(w.text, w.x0, w.x1) for w in split_box(box, 1, 1)] == [
        ("Revenue", 0, 100),
        ("125,400", 200, 300),
    ]


def test_without_matching_pieces_edges_are_interpolated_by_character_offset() -> None:
    box = Box("ab cd", 0.8, _quad(0, 0, 50, 10), [("abcd", _quad(0, 0, 50, 10))])
    assert [(w.text, w.x0, w.x1) for w in split_box(box, 1, 1)] == [
        ("ab", 0, 20),
        ("cd", 30, 50),
    ]


def test_full_width_brackets_and_curly_quotes_become_ascii() -> None:
    assert normalise("（1，234）") == "(1,234)"
    assert normalise("$’000") == "$'000"


@pytest.mark.parametrize(
    ("pieces", "whole"),
    [
        ([("(", 100, 104), ("1,234)", 105, 140)], "(1,234)"),
        ([("(1,234", 100, 136), (")", 137, 140)], "(1,234)"),
        ([("1,", 100, 110), ("234", 112, 130)], "1,234"),
        ([("$", 100, 106), ("'000", 107, 130)], "$'000"),
        ([("12.5", 100, 120), ("%", 121, 128)], "12.5%"),
    ],
)
def test_touching_pieces_of_a_figure_are_joined(
    pieces: list[tuple[str, float, float]], whole: str
) -> None:
    mended = mend_figures([_word(text, x0, x1) for text, x0, x1 in pieces])
    assert [w.text for w in mended] == [whole]
    assert (mended[0].x0, mended[0].x1) == (100, pieces[-1][2])


def test_figures_in_neighbouring_columns_stay_apart() -> None:
    mended = mend_figures(
        [_word("(1,234)", 300, 340), _word("(2,140)", 400, 440), _word("5", 250, 256)]
    )
    assert [w.text for w in mended] == ["5", "(1,234)", "(2,140)"]


def test_a_note_number_and_a_figure_are_not_joined_as_thousands() -> None:
    """Notes "4, 5" are two words: "5" is not three digits after a thousands comma."""
    mended = mend_figures([_word("4,", 100, 108), _word("5", 110, 116)])
    assert [w.text for w in mended] == ["4,", "5"]


def test_words_are_grouped_into_lines_top_to_bottom_and_left_to_right() -> None:
    words = [
        _word("118,250", 450, 490, top=101),
        _word("Revenue", 72, 120, top=100),
        _word("Cost", 72, 95, top=120),
        _word("125,400", 360, 400, top=99),
    ]
    assert [[w.text for w in line] for line in lines(words)] == [
        ["Revenue", "125,400", "118,250"],
        ["Cost"],
    ]
