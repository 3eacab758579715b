"""The A4 frame every page sits in: the cover without a header, then a header (the mark and the
brand's name, the company) and a footer (what the document is, page N of M) on every other page.

"Page N of M" needs the page count before the first page is finished, so the canvas keeps each
page's drawing state and writes the footers' numbers when the document is saved.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from reports.model import ReportData
from reports.pdf.fonts import BOLD, REGULAR
from reports.pdf.formatting import long_date
from reports.pdf.marks import Mark
from reports.pdf.styles import (
    FOOTER_HEIGHT,
    HEADER_HEIGHT,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    Styles,
)

COVER = "cover"
BODY = "body"
FOOTER_TEXT = (
    "Indicative pricing support for the board and lead manager; not an independent expert's report."
)


class NumberedCanvas(Canvas):
    """A canvas that writes "Page N of M" on every page but the cover once M is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Not reportlab's default Helvetica: it would be named, unembedded, on every page.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # a new page without writing this one

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if number > 1:
                self.setFont(REGULAR, 7.5)
                self.setFillColor(MUTED)
                self.drawRightString(
                    PAGE_WIDTH - MARGIN, MARGIN - FOOTER_HEIGHT / 2, f"Page {number} of {total}"
                )
            super().showPage()
        super().save()


class ReportTemplate(BaseDocTemplate):
    def __init__(self, target: Any, data: ReportData, styles: Styles, mark: Mark | None) -> None:
        super().__init__(
            target,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT,
            bottomMargin=MARGIN,
            title=f"{data.company_name}: indicative IPO pricing",
            author=data.branding.name,
            subject="Indicative pricing support for the board and lead manager",
            creator=data.branding.name,
            producer=data.branding.name,
        )
        self.data, self.report_styles, self.mark = data, styles, mark
        # No inner padding: a table as wide as the frame lines up with the text and the rules.
        padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        cover_frame = Frame(
            MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN, id="cover", **padding
        )
        body_frame = Frame(
            MARGIN,
            MARGIN,
            PAGE_WIDTH - 2 * MARGIN,
            PAGE_HEIGHT - 2 * MARGIN - HEADER_HEIGHT,
            id="body",
            **padding,
        )
        self.addPageTemplates(
            [
                PageTemplate(id=COVER, frames=[cover_frame], onPage=self._cover_page),
                PageTemplate(id=BODY, frames=[body_frame], onPage=self._body_page),
            ]
        )

    def _cover_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(self.report_styles.palette.primary)
        canvas.rect(0, PAGE_HEIGHT - 8 * mm, PAGE_WIDTH, 8 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _body_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        palette = self.report_styles.palette
        top = PAGE_HEIGHT - MARGIN
        canvas.saveState()
        text_x = MARGIN
        if self.mark is not None:
            width, _ = self.mark.size_in(40 * mm, 8 * mm)
            self.mark.draw(canvas, MARGIN, top - 8 * mm, width, 8 * mm)
            text_x = MARGIN + width + 3 * mm
        if self.mark is None or self.data.branding.logo is not None:
            # Our mark spells our name; a logo may not spell the organisation's.
            canvas.setFont(BOLD, 8.5)
            canvas.setFillColor(palette.primary)
            canvas.drawString(text_x, top - 5.5 * mm, self.data.branding.name)
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, top - 3.5 * mm, self.data.company_name)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            top - 7.5 * mm,
            f"Indicative IPO pricing at {long_date(self.data.valuation_date)}",
        )
        canvas.setStrokeColor(palette.primary)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, top - 10 * mm, PAGE_WIDTH - MARGIN, top - 10 * mm)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, MARGIN - 2 * mm, PAGE_WIDTH - MARGIN, MARGIN - 2 * mm)
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - FOOTER_HEIGHT / 2, FOOTER_TEXT)
        canvas.restoreState()
