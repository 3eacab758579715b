"""The PDF report of a completed valuation: A4, for a board and its lead manager.

`render_pdf(data)` is pure: the stored input and result in (`reports.model.ReportData`), the
document's bytes out, with no database, no network and no file but the fonts and libraries
installed with the package. The sections, in order (reports/pdf/sections/):

1. cover: the company, the valuation date, who prepared it, what the document is and is not;
2. summary: the offer and valuation ranges, the target multiple against the peers, the football
   field and the methods behind its bars;
3. methods and peers: each method's multiples and basis, each peer's multiples and what it was
   left out of, the caller's peers, the precedent transactions;
4. the WACC build-up, with the company-specific risk premium factor by factor, and growth;
5. the DCF: its cash flows, terminal value, sensitivity heatmap (WACC x terminal growth) and the
   Monte Carlo histogram with P10 / P50 / P90;
6. the economic context, with the RBA series charted;
7. the ASX admission checks, then every warning;
8. appendix: every source of data with its date and whether it was synthetic or stale.

Under white label the organisation's name, logo, colours and disclaimer replace ours, and
nothing of ours (name or mark) is printed or written into the document's metadata.
"""

from __future__ import annotations

import io

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from reports.model import ReportData
from reports.pdf.fonts import register_fonts
from reports.pdf.marks import mark_of
from reports.pdf.page import BODY, NumberedCanvas, ReportTemplate
from reports.pdf.sections.checks import admission_section, warnings_section
from reports.pdf.sections.context import economy_section, risk_and_growth
from reports.pdf.sections.cover import cover
from reports.pdf.sections.dcf import dcf_section, wacc_section
from reports.pdf.sections.peers import peers_section
from reports.pdf.sections.provenance import provenance_section
from reports.pdf.sections.summary import methods_table, summary
from reports.pdf.styles import styles_for


def render_pdf(data: ReportData) -> bytes:
    register_fonts()
    styles = styles_for(data.branding)
    mark = mark_of(data.branding)
    pages = (
        summary(data, styles),
        [*methods_table(data, styles), *peers_section(data, styles)],
        [*wacc_section(data, styles), *risk_and_growth(data, styles)],
        dcf_section(data, styles),
        economy_section(data, styles),
        [*admission_section(data, styles), *warnings_section(data, styles)],
        provenance_section(data, styles),
    )
    story: list[Flowable] = [*cover(data, styles, mark), NextPageTemplate(BODY)]
    for page in pages:
        story += [PageBreak(), *page]
    buffer = io.BytesIO()
    document = ReportTemplate(buffer, data, styles, mark)
    document.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
