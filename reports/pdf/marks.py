"""Whose report it is, as a picture: our own mark, or the organisation's logo under white label.

Our mark is drawn here (a rounded square with three rising bars and the product name), never read
from a file or the network. An organisation's logo is PNG or SVG bytes: a PNG is drawn as an
image, an SVG through svglib as vector shapes. svglib is given the bytes, not a path, so an SVG
cannot pull in other files, and lxml does not resolve entities or reach the network.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from svglib.svglib import svg2rlg

from reports.model import DEFAULT_ACCENT, DEFAULT_PRIMARY, PRODUCT_NAME, Branding, Logo
from reports.pdf.fonts import BOLD, REGULAR, register_fonts
from reports.pdf.shapes import filled_rect
from reports.pdf.styles import colour

PNG = "image/png"
SVG = "image/svg+xml"


class LogoError(ValueError):
    """A logo that cannot be drawn: not PNG or SVG, or unreadable."""


def product_mark(height: float) -> Drawing:
    """Our mark, `height` points tall: the square and the name beside it."""
    unit = height / 10
    primary, accent = colour(DEFAULT_PRIMARY), colour(DEFAULT_ACCENT)
    name_size = height * 0.62
    register_fonts()
    width = height + unit * 2 + stringWidth(PRODUCT_NAME, BOLD, name_size)
    mark = Drawing(width, height, initialFontName=BOLD)  # not reportlab's unembedded Helvetica
    mark.add(filled_rect(0, 0, height, height, primary, corner=unit * 2))
    for i, bar_height in enumerate((3.0, 5.0, 7.0)):
        mark.add(
            filled_rect(
                unit * (1.6 + i * 2.5),
                unit * 1.5,
                unit * 1.8,
                unit * bar_height,
                accent if i == 2 else colour("#FFFFFF"),
            )
        )
    mark.add(
        String(
            height + unit * 2,
            height * 0.22,
            PRODUCT_NAME,
            fontName=BOLD,
            fontSize=name_size,
            fillColor=primary,
        )
    )
    return mark


@dataclass(frozen=True)
class Mark:
    """A picture that fits a box: drawn at its aspect ratio, as large as the box allows, anchored
    at the box's left and vertically centred."""

    drawing: Drawing | None = None
    image: ImageReader | None = None

    @property
    def aspect(self) -> float:
        if self.drawing is not None:
            return float(self.drawing.width) / float(self.drawing.height)
        assert self.image is not None
        width, height = self.image.getSize()
        return width / height

    def size_in(self, max_width: float, max_height: float) -> tuple[float, float]:
        width = min(max_width, max_height * self.aspect)
        return width, width / self.aspect

    def draw(self, canvas: Canvas, x: float, y: float, max_width: float, max_height: float) -> None:
        width, height = self.size_in(max_width, max_height)
        bottom = y + (max_height - height) / 2
        if self.drawing is not None:
            scale = width / float(self.drawing.width)
            canvas.saveState()
            canvas.translate(x, bottom)
            canvas.scale(scale, scale)
            renderPDF.draw(self.drawing, canvas, 0, 0)
            canvas.restoreState()
        else:
            assert self.image is not None
            canvas.drawImage(self.image, x, bottom, width, height, mask="auto")


def mark_of(branding: Branding) -> Mark | None:
    """The organisation's logo, or ours; None under white label without a logo (its name, in
    text, stands instead: nothing of ours is shown)."""
    if branding.logo is not None:
        return logo_mark(branding.logo)
    if branding.white_label:
        return None
    return Mark(drawing=product_mark(40))


def logo_mark(logo: Logo) -> Mark:
    if logo.media_type == PNG:
        try:
            image = ImageReader(io.BytesIO(logo.data))
            image.getSize()
        except Exception as error:  # reportlab wraps PIL's errors in several types
            raise LogoError(f"The logo is not a readable PNG: {error}") from error
        return Mark(image=image)
    if logo.media_type == SVG:
        drawing = svg2rlg(io.BytesIO(logo.data))
        if drawing is None or not drawing.width or not drawing.height:
            raise LogoError("The logo is not a readable SVG with a width and a height.")
        # Its text, if any, in the report's embedded font rather than unembedded Helvetica.
        setattr(drawing, "initialFontName", REGULAR)  # noqa: B010 (not in the type stubs)
        return Mark(drawing=drawing)
    raise LogoError(f"A logo must be {PNG} or {SVG}; got {logo.media_type}.")


class MarkFlowable(Flowable):
    """A mark in the flow of the document (the cover)."""

    def __init__(self, mark: Mark, max_width: float, max_height: float) -> None:
        super().__init__()
        self.mark = mark
        self.width, self.height = mark.size_in(max_width, max_height)

    def draw(self) -> None:
        self.mark.draw(self.canv, 0, 0, self.width, self.height)
