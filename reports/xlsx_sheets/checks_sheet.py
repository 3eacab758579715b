"""The Checks sheet: each headline figure as the workbook computes it beside the API's stored
figure, with the difference and whether it is within tolerance (to the cent for money, a
hundredth of a cent per share, 1e-9 for rates and multiples). After an input is flexed the
differences show how far the flexed model has moved from the stored valuation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reports.xlsx_sheets.book import Kind, ModelBook, Role
from reports.xlsx_sheets.facts import ModelFacts
from valuation.dcf_model import GROWTH_STEPS, RATE_STEPS

TOLERANCE = {
    Kind.MONEY: 0.005,
    Kind.PER_SHARE: 1e-4,
    Kind.PERCENT: 1e-9,
    Kind.MULTIPLE: 1e-9,
    Kind.DECIMAL: 1e-9,
    Kind.COUNT: 1e-4,
}


@dataclass(frozen=True, slots=True)
class Headline:
    label: str
    name: str  # the workbook name of the formula cell
    api: float
    kind: Kind


def headlines(facts: ModelFacts) -> list[Headline]:
    """The figures the workbook must reproduce, with the stored result's value of each."""
    p = facts.payload
    pricing, wacc = p["pricing"], p["wacc"]
    found = [
        Headline("WACC", "wacc", wacc["wacc"], Kind.PERCENT),
        Headline("Cost of equity", "cost_of_equity", wacc["cost_of_equity"], Kind.PERCENT),
        Headline("Relevered beta", "levered_beta", wacc["levered_beta"], Kind.DECIMAL),
        Headline(
            "Company-specific premium",
            "company_specific_premium",
            p["risk"]["premium"],
            Kind.PERCENT,
        ),
    ]
    median = p["comparables"]["ev_to_ebitda"]["median"]
    if median is not None:
        found.append(
            Headline(
                "Peers' median LTM EV/EBITDA", "peer_median_ev_to_ebitda", median, Kind.MULTIPLE
            )
        )
    found += _dcf(facts)
    for bar in pricing["methods"]:
        slug, method = bar["method"].lower(), bar["method"]
        for part, key, kind in (
            ("ev", "value", Kind.MONEY),
            ("equity", "equity_value", Kind.MONEY),
            ("per_share", "per_share", Kind.PER_SHARE),
        ):
            for end in ("low", "mid", "high"):
                found.append(
                    Headline(f"{method} {part} {end}", f"{slug}_{part}_{end}", bar[key][end], kind)
                )
    for label, name, key, kind in (
        ("Enterprise value", "enterprise_value", "enterprise_value", Kind.MONEY),
        ("Equity value", "equity_value", "equity_value", Kind.MONEY),
        ("Valuation range", "valuation", "valuation_range", Kind.PER_SHARE),
        ("Offer price", "offer", "price_per_share", Kind.PER_SHARE),
    ):
        for end in ("low", "mid", "high"):
            found.append(Headline(f"{label} {end}", f"{name}_{end}", pricing[key][end], kind))
    if pricing["implied_ev_to_ebitda"] is not None:
        found.append(
            Headline(
                "Implied EV/EBITDA at the offer",
                "implied_ev_to_ebitda",
                pricing["implied_ev_to_ebitda"],
                Kind.MULTIPLE,
            )
        )
    found += [
        Headline(
            "Effective discount", "effective_discount", pricing["effective_discount"], Kind.PERCENT
        ),
        Headline("New shares", "new_shares", pricing["new_shares"], Kind.COUNT),
        Headline(
            "Post-money market capitalisation",
            "post_money_market_cap",
            pricing["post_money_market_cap"],
            Kind.MONEY,
        ),
    ]
    return found


def _dcf(facts: ModelFacts) -> list[Headline]:
    dcf = facts.dcf
    if dcf is None:
        return []
    v = dcf["valuation"]
    found = [
        Headline(
            "DCF PV of cash flows",
            "dcf_pv_cash_flows",
            v["present_value_of_cash_flows"],
            Kind.MONEY,
        ),
        Headline("DCF terminal value", "dcf_terminal_value", v["terminal_value"], Kind.MONEY),
        Headline(
            "DCF PV of terminal value",
            "dcf_pv_terminal_value",
            v["present_value_of_terminal_value"],
            Kind.MONEY,
        ),
        Headline("DCF enterprise value", "dcf_enterprise_value", v["enterprise_value"], Kind.MONEY),
    ]
    if v.get("implied_exit_multiple") is not None:
        found.append(
            Headline(
                "DCF implied exit multiple",
                "dcf_implied_exit_multiple",
                v["implied_exit_multiple"],
                Kind.MULTIPLE,
            )
        )
    schedule = dcf["schedule"]
    dropped = len(schedule["dropped"])
    for k, flow in enumerate(dcf["cash_flows"], start=1):
        found.append(Headline(f"DCF FCFF, year {k}", f"dcf_fcff_y{k}", flow, Kind.MONEY))
    for j, (fraction, time) in enumerate(
        zip(schedule["fractions"], schedule["times"], strict=True), start=dropped + 1
    ):
        found.append(
            Headline(
                f"DCF share still to come, year {j}", f"dcf_fraction_y{j}", fraction, Kind.DECIMAL
            )
        )
        found.append(Headline(f"DCF discount time, year {j}", f"dcf_time_y{j}", time, Kind.DECIMAL))
    grid: list[list[Any]] = dcf["sensitivity"]
    for i in range(len(RATE_STEPS)):
        for j in range(len(GROWTH_STEPS)):
            if grid[i][j] is not None:
                found.append(
                    Headline(
                        f"DCF grid WACC {RATE_STEPS[i]:+.0%}, growth {GROWTH_STEPS[j]:+.1%}",
                        f"dcf_grid_r{i + 1}_g{j + 1}",
                        grid[i][j],
                        Kind.MONEY,
                    )
                )
    return found


def write_checks(book: ModelBook, facts: ModelFacts) -> None:
    sheet = book.sheet("Checks")
    sheet.title(
        "Checks: the workbook's figures against the API's",
        "The API column is the stored result (values). After a flex, differences are expected.",
    )
    header = sheet.row
    for col, text in enumerate(("Figure", "Workbook", "API", "Difference", "Tolerance", "Within")):
        sheet.label(header, col, text, bold=True)
    rows = headlines(facts)
    for offset, figure in enumerate(rows, start=1):
        row = header + offset
        sheet.label(row, 0, figure.label)
        workbook = sheet.formula(row, 1, figure.name, figure.kind)
        api = sheet.value(row, 2, figure.api, figure.kind, Role.API)
        difference = sheet.formula(row, 3, f"{workbook}-{api}", Kind.GENERAL)
        tolerance = sheet.value(row, 4, TOLERANCE[figure.kind], Kind.GENERAL, Role.ENGINE)
        sheet.formula(row, 5, f"ABS({difference})<{tolerance}", Kind.FLAG)
    last = header + len(rows)
    sheet.ws.conditional_format(
        header + 1,
        5,
        last,
        5,
        {
            "type": "cell",
            "criteria": "==",
            "value": "FALSE",
            "format": book.style("failed", {"font_color": "#9C0006", "bg_color": "#FFC7CE"}),
        },
    )
    summary = last + 2
    sheet.label(summary, 0, "Every figure within tolerance", bold=True)
    sheet.formula(
        summary,
        5,
        f"COUNTIF({sheet.column_span(5, header + 1, last)},FALSE)=0",
        Kind.FLAG,
        name="checks_all_within",
    )
    sheet.widths([44, 18, 18, 14, 10, 8])
    sheet.ws.freeze_panes(header + 1, 1)
