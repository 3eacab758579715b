"""The XLSX model, recalculated by LibreOffice, reproduces the API's figures to the cent, and a
flexed input cell moves them as the engine moves them when re-run with that input."""

from __future__ import annotations

import copy
import dataclasses
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from reports.model import ReportData
from reports.xlsx_model import ModelNotAvailable, build_workbook
from tests.reports.conftest import completed
from tests.reports.recalc import named_value, recalculated, soffice_or_skip, with_input
from tests.reports.valuation_cases import (
    Case,
    bank_case,
    projected_case,
    restated_case,
    stored_case,
)

MONEY, PER_SHARE, RATE = 0.005, 1e-4, 1e-9  # A$ to the cent, per share sub-cent, rates
ENDS = ("low", "mid", "high")
CASES: dict[str, Callable[[], Case]] = {
    "stored": stored_case,
    "bank": bank_case,
    "restated": restated_case,
    "projected": projected_case,
}


@dataclass(frozen=True)
class Flex:
    """An input cell changed in the workbook and the same change to the job's input."""

    case: str
    cells: dict[str, Any]
    change: Callable[[dict[str, Any]], None]  # on the stored input's "valuation"
    monte_carlo_moves: bool  # the DCF bar's draws would differ: only its proportion follows


def _assumption(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda valuation: valuation.setdefault("assumptions", {}).__setitem__(name, value)


def _field(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda valuation: valuation.__setitem__(name, value)


FLEXES = {
    "ipo_discount": Flex(
        "stored", {"ipo_discount": 0.22}, _assumption("ipo_discount", 0.22), False
    ),
    "offer_range_width": Flex(
        "restated", {"offer_range_width": 0.2}, _assumption("offer_range_width", 0.2), False
    ),
    "book_equity": Flex("bank", {"book_equity": 75e6}, _field("book_equity", 75e6), False),
    "market_risk_premium": Flex(
        "stored", {"market_risk_premium": 0.07}, _assumption("market_risk_premium", 0.07), True
    ),
    "valuation_date": Flex(
        "stored",
        {"valuation_date": datetime(2026, 8, 15)},
        _field("valuation_date", "2026-08-15"),
        True,
    ),
    "lease_payments": Flex(
        "restated", {"lease_payments": 2e6}, _field("lease_payments", 2e6), True
    ),
}


def api_figures(payload: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """The stored result's headline figures by the workbook names that must reproduce them,
    each with its tolerance."""
    pricing, wacc = payload["pricing"], payload["wacc"]
    figures = {
        "wacc": (wacc["wacc"], RATE),
        "cost_of_equity": (wacc["cost_of_equity"], RATE),
    }
    dcf = payload["dcf"]
    if dcf is not None:
        valued = dcf["valuation"]
        figures |= {
            "dcf_pv_cash_flows": (valued["present_value_of_cash_flows"], MONEY),
            "dcf_terminal_value": (valued["terminal_value"], MONEY),
            "dcf_pv_terminal_value": (valued["present_value_of_terminal_value"], MONEY),
            "dcf_enterprise_value": (valued["enterprise_value"], MONEY),
        }
        for k, flow in enumerate(dcf["cash_flows"], start=1):
            figures[f"dcf_fcff_y{k}"] = (flow, MONEY)
        schedule = dcf["schedule"]
        kept = zip(schedule["fractions"], schedule["times"], strict=True)
        for k, (fraction, time) in enumerate(kept, start=len(schedule["dropped"]) + 1):
            figures[f"dcf_fraction_y{k}"] = (fraction, RATE)
            figures[f"dcf_time_y{k}"] = (time, RATE)
        for i, row in enumerate(dcf["sensitivity"], start=1):
            for j, value in enumerate(row, start=1):
                if value is not None:
                    figures[f"dcf_grid_r{i}_g{j}"] = (value, MONEY)
    for bar in pricing["methods"]:
        slug = bar["method"].lower()
        for end in ENDS:
            figures[f"{slug}_ev_{end}"] = (bar["value"][end], MONEY)
            figures[f"{slug}_equity_{end}"] = (bar["equity_value"][end], MONEY)
            figures[f"{slug}_per_share_{end}"] = (bar["per_share"][end], PER_SHARE)
    for end in ENDS:
        figures[f"enterprise_value_{end}"] = (pricing["enterprise_value"][end], MONEY)
        figures[f"equity_value_{end}"] = (pricing["equity_value"][end], MONEY)
        figures[f"valuation_{end}"] = (pricing["valuation_range"][end], PER_SHARE)
        figures[f"offer_{end}"] = (pricing["price_per_share"][end], PER_SHARE)
    for name in ("implied_ev_to_ebitda", "peer_median_ev_to_ebitda"):
        if pricing[name] is not None:
            figures[name] = (pricing[name], RATE)
    return figures


def _on_monte_carlo(name: str) -> bool:
    """Figures that rest on the DCF bar, the Monte Carlo's percentiles."""
    if name.startswith(("dcf_ev_", "dcf_equity_", "dcf_per_share_")):
        return True
    return name.startswith(("enterprise_value_", "equity_value_", "valuation_", "offer_")) or (
        name == "implied_ev_to_ebitda"
    )


def _valued(case: Case) -> ReportData:
    return completed(*case)


@pytest.fixture(scope="module")
def recomputed(
    report_data: ReportData, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[ReportData, Workbook]]:
    """Every case's workbook, and every flexed one, recalculated in one LibreOffice run."""
    soffice = soffice_or_skip()
    workdir = tmp_path_factory.mktemp("xlsx-model")
    valued = {name: _valued(make()) for name, make in CASES.items()}
    books = {name: build_workbook(data) for name, data in valued.items()}
    pending = dict(books)
    for name, flex in FLEXES.items():
        inputs, gathered = copy.deepcopy(CASES[flex.case]())
        flex.change(inputs["valuation"])
        valued[f"flex-{name}"] = completed(inputs, gathered)
        pending[f"flex-{name}"] = with_input(books[flex.case], flex.cells, workdir, name)
    computed = recalculated(soffice, pending, workdir)
    assert valued["stored"].payload == report_data.payload  # the fixture is the stored case
    return {name: (valued[name], computed[name]) for name in pending}


@pytest.mark.parametrize("case", list(CASES))
def test_every_headline_figure_matches_the_api_to_the_cent(
    recomputed: dict[str, tuple[ReportData, Workbook]], case: str
) -> None:
    data, workbook = recomputed[case]
    expected = api_figures(data.payload)
    assert len(expected) > 20
    misses = {}
    for name, (value, tolerance) in expected.items():
        got = named_value(workbook, name)
        if not isinstance(got, int | float) or abs(got - value) >= tolerance:
            misses[name] = (got, value)
    assert misses == {}


def test_the_cases_take_the_branches_they_are_for(
    recomputed: dict[str, tuple[ReportData, Workbook]],
) -> None:
    """The workbooks above cover the branches: bars by method, a stub, a projection."""
    methods = {
        case: {m["method"] for m in recomputed[case][0].payload["pricing"]["methods"]}
        for case in CASES
    }
    assert methods["bank"] == {"PRICE_TO_BOOK", "PRICE_TO_EARNINGS", "DIVIDEND_YIELD"}
    assert {"EV_TO_EBIT", "DIVIDEND_YIELD", "PRICE_TO_EARNINGS"} <= methods["restated"]
    restated = recomputed["restated"][0].payload
    assert restated["dcf"]["schedule"]["dropped"] == ["2026-06-30"]
    assert restated["wacc"]["debt_weight"] > 0
    assert recomputed["projected"][0].payload["dcf"]["projected"] is True
    bank = recomputed["bank"][0].payload["pricing"]["methods"]
    book = next(m for m in bank if m["method"] == "PRICE_TO_BOOK")
    assert "scaled by" in book["basis"]  # the ROE adjustment applied


def test_the_checks_sheet_finds_every_figure_within_tolerance(
    recomputed: dict[str, tuple[ReportData, Workbook]],
) -> None:
    for case in CASES:
        assert named_value(recomputed[case][1], "checks_all_within") is True, case


PEER_LABELS = {
    "EV_TO_EBITDA": "EV/EBITDA",
    "EV_TO_EBIT": "EV/EBIT",
    "PRICE_TO_EARNINGS": "P/E",
    "PRICE_TO_BOOK": "P/B",
    "DIVIDEND_YIELD": "Dividend yield (cash)",
}


@pytest.mark.parametrize("case", list(CASES))
def test_peers_left_out_by_formula_are_the_engines_exclusions(
    recomputed: dict[str, tuple[ReportData, Workbook]], case: str
) -> None:
    """A peer whose "used" cell holds a reason, not a number, is one the engine left out of that
    statistic: the headline LTM statistics as the comparables summary lists them, each applied
    method's as the result's peer exclusions do."""
    data, workbook = recomputed[case]
    sheet = workbook["Peers"]
    header = next(r for r in sheet.iter_rows(min_row=1, max_row=10) if r[0].value == "Peer")
    columns = {c.value: c.column for c in header if c.value}
    peers = [*data.result.peers, *data.result.custom_peers]

    assert header[0].row is not None
    first_row = header[0].row + 1

    def left_out(label: str, period: str) -> set[tuple[str, str | None]]:
        column = columns[f"{label} {period}: used"]
        return {
            (peer.ticker, peer.supplied_by)
            for row, peer in enumerate(peers, start=first_row)
            if peer.period == period and not isinstance(sheet.cell(row, column).value, int | float)
        }

    summary = data.payload["comparables"]
    for label, field in (("EV/EBITDA", "ev_to_ebitda"), ("P/E", "price_to_earnings")):
        excluded = {ticker for ticker, _ in summary[field]["excluded"]}
        engine: set[tuple[str, str | None]] = {
            (p.ticker, p.supplied_by) for p in peers if p.ticker in excluded
        }
        assert left_out(label, "LTM") == engine, label
    checked = 0
    own_range = {c["method"] for c in data.payload["methods_chosen"] if c["multiple_range"]}
    for bar in data.payload["pricing"]["methods"]:
        method, period = bar["method"], bar["period"]
        if method not in PEER_LABELS or method in own_range:
            continue
        engine = {
            (e.ticker, e.supplied_by)
            for e in data.result.peer_exclusions
            if (e.method, e.period) == (method, period)
        }
        assert left_out(PEER_LABELS[method], period) == engine, method
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("flex", list(FLEXES))
def test_a_changed_input_cell_moves_the_figures_as_the_engine_does(
    recomputed: dict[str, tuple[ReportData, Workbook]], flex: str
) -> None:
    """Re-run with the changed input, the engine's figures are the truth. Figures on the Monte
    Carlo follow its percentiles in proportion to the deterministic EV: within 1 % of a new
    simulation, and exact where the draws do not move."""
    spec = FLEXES[flex]
    data, workbook = recomputed[f"flex-{flex}"]
    before = api_figures(recomputed[spec.case][0].payload)
    expected = api_figures(data.payload)
    moved = [n for n in expected if n in before and abs(expected[n][0] - before[n][0]) > 1e-6]
    assert moved, "the flex changes none of the engine's figures"
    misses = {}
    for name, (value, tolerance) in expected.items():
        got = named_value(workbook, name)
        if spec.monte_carlo_moves and _on_monte_carlo(name):
            close = isinstance(got, int | float) and abs(got - value) <= 0.01 * abs(value)
        else:
            close = isinstance(got, int | float) and abs(got - value) < tolerance
        if not close:
            misses[name] = (got, value)
    assert misses == {}


def test_the_workbook_holds_formulas_not_the_apis_values(report_data: ReportData) -> None:
    """Headline cells are formulas with no cached result: the figures come from recalculation."""
    workbook = openpyxl.load_workbook(io.BytesIO(build_workbook(report_data)))
    for name in ("wacc", "dcf_enterprise_value", "offer_mid", "price_to_earnings_per_share_low"):
        sheet, cell = next(iter(workbook.defined_names[name].destinations))
        assert str(workbook[sheet.strip("'")][cell.replace("$", "")].value).startswith("=")


def test_the_workbook_has_the_model_sheets_with_frozen_panes(report_data: ReportData) -> None:
    data = build_workbook(report_data)
    assert zipfile.is_zipfile(io.BytesIO(data))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == [
        "Inputs",
        "Peers",
        "WACC",
        "DCF",
        "Comparables",
        "Synthesis",
        "Checks",
        "Sources",
    ]
    assert all(workbook[s].freeze_panes for s in workbook.sheetnames)
    inputs = workbook["Inputs"]
    _, cell = next(iter(workbook.defined_names["ipo_discount"].destinations))
    assert inputs[cell.replace("$", "")].font.color.rgb.endswith("0000FF")  # an input, in blue


def test_a_result_stored_before_the_model_existed_is_refused(report_data: ReportData) -> None:
    legacy = {k: v for k, v in report_data.payload.items() if k != "methods_chosen"}
    with pytest.raises(ModelNotAvailable, match="run it again"):
        build_workbook(dataclasses.replace(report_data, payload=legacy))


def test_building_needs_no_database_or_engine_run(
    report_data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    import valuation.engine

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the engine ran")

    monkeypatch.setattr(valuation.engine, "value_company", refuse)
    assert build_workbook(report_data)[:2] == b"PK"
