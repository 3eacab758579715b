"""What the PDF report tests render and compare against: the API's view of a valuation, prices as
the README writes them, variants of the test valuation (another stored result, a white-label
branding with a logo of a colour nothing else is drawn in)."""

from __future__ import annotations

import dataclasses
import io
import json
from typing import Any

from PIL import Image, ImageDraw

from reports.model import Branding, Logo, ReportData
from schema.types.valuation_result import ValuationResult
from tests.reports.rendered import PageText

LOGO_RGB = (0, 200, 190)  # a teal nothing else in a report is drawn in
BRAND_PRIMARY = "#5A2D82"
BRAND_ACCENT = "#2E8B57"
MONTE_CARLO = "Monte Carlo: the DCF's bar"


def api(data: ReportData) -> ValuationResult:
    return ValuationResult.from_stored(data.result, data.payload)


def readme_price(value: float) -> str:
    """A price per share as the README and the command line write the API's ranges."""
    return f"A${value:.3f}"


def page_with(texts: list[PageText], phrase: str) -> int:
    found = [i for i, page in enumerate(texts) if phrase in page.flat()]
    assert found, f"no page reads {phrase!r}"
    return found[0]


def logo_png() -> bytes:
    image = Image.new("RGB", (360, 120), LOGO_RGB)
    ImageDraw.Draw(image).rectangle((20, 20, 100, 100), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def branded(data: ReportData, logo: Logo) -> ReportData:
    return dataclasses.replace(
        data,
        branding=Branding(
            name="Harbour Capital Research",
            logo=logo,
            primary_colour=BRAND_PRIMARY,
            accent_colour=BRAND_ACCENT,
            disclaimer="Prepared by Harbour Capital Research for the directors only.",
            white_label=True,
        ),
    )


def json_copy(value: dict[str, Any]) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(value))
    return copied


def with_payload(data: ReportData, payload: dict[str, Any]) -> ReportData:
    """The same valuation with another stored result."""
    return ReportData.from_stored(
        valuation_id=data.valuation_id,
        organisation_name=data.organisation_name,
        created_at=data.created_at,
        inputs=data.inputs.stored(),
        result=payload,
        branding=data.branding,
    )
