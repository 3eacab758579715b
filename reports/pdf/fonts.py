"""The report's typeface: DejaVu Sans, the TrueType fonts matplotlib ships in its package data.

Reportlab's own standard fonts are not embedded and cover Latin-1 only, so "≥", "−" and "–" would
not print; DejaVu covers them, is embedded (subset) in every PDF, and comes with a package the
report needs anyway (the charts), so rendering reads no system font and nothing from the network.
The charts use the same family, matplotlib's default.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


def font_directory() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def register_fonts() -> None:
    """Register the four faces once per process; `<b>` and `<i>` in a paragraph pick them."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    directory = font_directory()
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(directory / file)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
