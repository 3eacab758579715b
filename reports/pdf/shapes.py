"""A filled rectangle without an outline, the one shape the drawings need beyond lines and text.

Its colours are set after it is made: types-reportlab types `Rect`'s keyword arguments as one
mapping, so passing them by name does not type-check.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Rect
from reportlab.lib.colors import Color


def filled_rect(
    x: float, y: float, width: float, height: float, fill: Color, corner: float = 0.0
) -> Rect:
    rect = Rect(x, y, width, height, rx=corner, ry=corner)
    rect.fillColor = fill
    rect.strokeColor = None  # no outline: the edges are exactly where the numbers put them
    return rect
