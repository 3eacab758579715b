"""The PDF report's sections against the API: the DCF's sensitivity grid and Monte Carlo
percentiles, the warnings, the provenance appendix, and the sections of results that lack a part
(no DCF, draws that cannot be made again, no warnings)."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pdfplumber
import pytest

from contracts.monte_carlo import distribution_of
from reports.model import ReportData
from reports.pdf_report import render_pdf
from tests.reports.rendered import PageText, page_texts
from tests.reports.report_cases import MONTE_CARLO, api, json_copy, page_with, with_payload


@pytest.fixture(scope="module")
def pdf(report_data: ReportData) -> bytes:
    return render_pdf(report_data)


@pytest.fixture(scope="module")
def texts(pdf: bytes) -> list[PageText]:
    return page_texts(pdf)


def all_text(data: ReportData) -> str:
    return " ".join(page.flat() for page in page_texts(render_pdf(data)))


# The DCF


def test_the_monte_carlo_percentiles_are_the_apis(
    report_data: ReportData, texts: list[PageText]
) -> None:
    details = api(report_data).details
    assert isinstance(details, dict)
    simulation = details["dcf"]["monte_carlo"]
    shown = " ".join(f"A${simulation[p] / 1e6:,.1f}m" for p in ("p10", "p50", "p90"))
    page = texts[page_with(texts, MONTE_CARLO)].flat()
    assert f"P10 P50 P90 Mean Draws Discarded {shown}" in page
    # The DCF's bar is the simulation's P10 to P90.
    dcf = next(m for m in api(report_data).methods if m.method.value == "DCF")
    assert (dcf.low, dcf.mid, dcf.high) == (simulation["p10"], simulation["p50"], simulation["p90"])


def test_the_histogram_draws_the_draws_behind_the_apis_percentiles(
    report_data: ReportData,
) -> None:
    distribution = distribution_of(
        report_data.inputs, report_data.valuation_date, report_data.payload
    )
    assert distribution is not None and distribution.values is not None
    simulation = report_data.payload["dcf"]["monte_carlo"]
    assert np.percentile(distribution.values, [10, 50, 90]).tolist() == [
        simulation["p10"],
        simulation["p50"],
        simulation["p90"],
    ]
    assert distribution.values.size == simulation["draws"] == 10_000


def test_the_histogram_is_on_the_monte_carlo_page(pdf: bytes, texts: list[PageText]) -> None:
    index = page_with(texts, MONTE_CARLO)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        images = document.pages[index].images
    assert any(image["width"] > 400 and image["height"] > 120 for image in images)


def test_the_sensitivity_heatmap_is_the_apis_grid(
    report_data: ReportData, texts: list[PageText]
) -> None:
    details = api(report_data).details
    assert isinstance(details, dict)
    dcf = details["dcf"]
    page = texts[page_with(texts, "WACC × terminal growth")].flat()
    growths = " ".join(f"{g * 100:.1f}%" for g in dcf["sensitivity_growths"])
    assert f"WACC \\ terminal growth {growths}" in page
    for rate, row in zip(dcf["sensitivity_rates"], dcf["sensitivity"], strict=True):
        assert f"{rate * 100:.2f}% " + " ".join(f"{v / 1e6:,.1f}" for v in row) in page


def test_a_result_whose_draws_cannot_be_made_again_shows_its_percentiles_without_a_histogram(
    report_data: ReportData,
) -> None:
    payload = json_copy(report_data.payload)
    payload["dcf"]["monte_carlo"]["p50"] *= 1.01  # as if stored by an engine that drew otherwise
    text = all_text(with_payload(report_data, payload))
    assert "could not be made again" in text
    assert f"A${payload['dcf']['monte_carlo']['p50'] / 1e6:,.1f}m" in text


def test_a_valuation_without_a_dcf_says_so(report_data: ReportData) -> None:
    payload = json_copy(report_data.payload)
    payload["dcf"] = None  # as for a bank, valued without one
    payload["pricing"]["methods"] = [
        m for m in payload["pricing"]["methods"] if m["method"] != "DCF"
    ]
    text = all_text(with_payload(report_data, payload))
    assert "No DCF was applied" in text
    assert MONTE_CARLO not in text and "Monte Carlo P10" not in text


# Warnings and provenance


def test_every_warning_is_listed_with_its_code(
    report_data: ReportData, texts: list[PageText]
) -> None:
    warnings = api(report_data).warning_details
    assert len(warnings) == 4
    page = texts[page_with(texts, "Warnings")].flat()
    for warning in warnings:
        assert f"{warning.code} {warning.message}" in page


def test_a_valuation_without_warnings_says_it_raised_none(report_data: ReportData) -> None:
    payload = json_copy(report_data.payload)
    payload["warnings"], payload["notices"] = [], []
    text = all_text(with_payload(report_data, payload))
    assert "The valuation raised no warnings." in text
    assert "EXIT_MULTIPLE_GAP" not in text


def test_the_appendix_lists_every_source_with_its_date_and_flags(
    report_data: ReportData, texts: list[PageText]
) -> None:
    sources = api(report_data).sources
    assert len(sources) == 34
    first = page_with(texts, "Appendix: provenance")
    lines = [line for page in texts[first:] for line in page.text.splitlines()]
    for source in sources:
        day: date = source.as_of
        flags = f"{source.source.value} {day.day} {day:%b %Y} " + " ".join(
            "yes" if flag else "no" for flag in (source.synthetic, source.stale)
        )
        matching = [line for line in lines if line.startswith(source.subject + " ")]
        assert len(matching) == 1, source.subject
        assert matching[0].endswith(flags), matching[0]
