"""The Synthesis sheet: each bar bridged between enterprise value and pre-money equity and priced
per pre-offer share after the IPO discount, the weighted valuation range, the indicative offer
range and what it implies (valuation/synthesis.py)."""

from __future__ import annotations

from reports.xlsx_sheets.book import Kind, ModelBook, Sheet, Triple
from reports.xlsx_sheets.comparables_sheet import BarValue
from reports.xlsx_sheets.facts import ModelFacts
from reports.xlsx_sheets.inputs_sheet import InputsRefs
from valuation.method_set import ValuationMethod

ENDS = ("low", "mid", "high")
HEADERS = (
    "Method",
    "Gives",
    "Period",
    "Weight",
    "Own value low",
    "Own value mid",
    "Own value high",
    "Debt-like bridge",
    "EV low",
    "EV mid",
    "EV high",
    "Equity low",
    "Equity mid",
    "Equity high",
    "Per share low",
    "Per share mid",
    "Per share high",
    "Weight x EV low",
    "Weight x EV mid",
    "Weight x EV high",
    "Weight x equity low",
    "Weight x equity mid",
    "Weight x equity high",
)
OWN, BRIDGE, EV, EQUITY, PER_SHARE, WEIGHTED_EV, WEIGHTED_EQUITY = 4, 7, 8, 11, 14, 17, 20


def write_synthesis(
    book: ModelBook,
    facts: ModelFacts,
    inputs: InputsRefs,
    dcf_bar: Triple | None,
    bars: dict[str, BarValue],
) -> None:
    sheet = book.sheet("Synthesis")
    sheet.title(
        "Synthesis: valuation range and indicative offer range",
        "EV methods bridge to equity less net debt and leases (the DCF less net debt only when "
        "its FCFF predates AASB 16); per share after the IPO discount, floored at zero.",
    )
    sheet.section("Parameters")
    sheet.line_formula(
        "Per-share factor (1 - IPO discount) / pre-offer shares",
        "(1-ipo_discount)/pre_offer_shares",
        Kind.GENERAL,
        name="per_share_factor",
    )
    sheet.line_formula(
        "Bridge of EV methods", "net_debt+lease_liabilities", Kind.MONEY, name="debt_like"
    )
    sheet.line_formula(
        "Bridge of the DCF",
        "IF(dcf_deducts_leases,net_debt+lease_liabilities,net_debt)",
        Kind.MONEY,
        name="dcf_debt_like",
    )
    sheet.section("Bars of the football field")
    header = sheet.row
    for col, text in enumerate(HEADERS):
        sheet.label(header, col, text, bold=True)
    first = header + 1
    for offset, bar in enumerate(facts.bars):
        row = first + offset
        if bar.method is ValuationMethod.DCF:
            assert dcf_bar is not None
            own, gives, bridge = dcf_bar, "enterprise", "dcf_debt_like"
        else:
            made = bars[bar.stored.method]
            own, gives, bridge = made.value, made.gives, "debt_like"
        _bar_row(sheet, row, bar.slug, bar.stored.method, gives, bar.stored.period, own, bridge)
        sheet.formula(row, 3, inputs.methods[bar.stored.method].weight, Kind.DECIMAL)
    last = first + len(facts.bars) - 1
    sheet.row = last + 1
    _ranges(sheet, first, last, inputs.periods.cell("ebitda", inputs.periods.ltm_col))
    sheet.widths([48] + [17] * (len(HEADERS) - 1))
    sheet.ws.freeze_panes(header + 1, 1)


def _bar_row(
    sheet: Sheet,
    row: int,
    slug: str,
    method: str,
    gives: str,
    period: str | None,
    own: Triple,
    bridge: str,
) -> None:
    sheet.label(row, 0, method)
    sheet.label(row, 1, gives)
    sheet.label(row, 2, period or "all years")
    debt = sheet.formula(row, BRIDGE, bridge, Kind.MONEY)
    weight = sheet.local(row, 3)
    for i, end in enumerate(ENDS):
        value = sheet.formula(row, OWN + i, own.cells[i], Kind.MONEY)
        if gives == "enterprise":
            ev = sheet.formula(row, EV + i, value, Kind.MONEY, name=f"{slug}_ev_{end}")
            equity = sheet.formula(
                row, EQUITY + i, f"{ev}-{debt}", Kind.MONEY, name=f"{slug}_equity_{end}"
            )
        else:
            equity = sheet.formula(row, EQUITY + i, value, Kind.MONEY, name=f"{slug}_equity_{end}")
            ev = sheet.formula(row, EV + i, f"{equity}+{debt}", Kind.MONEY, name=f"{slug}_ev_{end}")
        sheet.formula(
            row,
            PER_SHARE + i,
            f"MAX({equity}*per_share_factor,0)",
            Kind.PER_SHARE,
            name=f"{slug}_per_share_{end}",
        )
        # A bar at weight 0 is shown, not counted: its value (even #N/A) stays out of the sums.
        sheet.formula(row, WEIGHTED_EV + i, f"IF({weight}>0,{weight}*{ev},0)", Kind.MONEY)
        sheet.formula(row, WEIGHTED_EQUITY + i, f"IF({weight}>0,{weight}*{equity},0)", Kind.MONEY)


def _ranges(sheet: Sheet, first: int, last: int, ltm_ebitda: str) -> None:
    weights = sheet.column_span(3, first, last)
    sheet.section("Valuation range")
    total = sheet.line_formula("Sum of the weights", f"SUM({weights})", Kind.DECIMAL)
    sheet.triple_header()

    def weighted(col: int) -> list[str]:
        return [f"SUM({sheet.column_span(col + i, first, last)})/{total}" for i in range(3)]

    sheet.line_triple(
        "Enterprise value (weighted)", weighted(WEIGHTED_EV), Kind.MONEY, name="enterprise_value"
    )
    equity = sheet.line_triple(
        "Pre-money equity value (weighted)",
        weighted(WEIGHTED_EQUITY),
        Kind.MONEY,
        name="equity_value",
    )
    sheet.line_triple(
        "Valuation range per share",
        [
            f"MAX({equity.low}*per_share_factor,0)",
            f"{equity.mid}*per_share_factor",
            f"{equity.high}*per_share_factor",
        ],
        Kind.PER_SHARE,
        name="valuation",
        note="after the IPO discount; the low end floored at zero",
    )
    sheet.section("Indicative offer range")
    half = sheet.line_formula(
        "Half-width",
        "MIN(offer_range_width*valuation_mid,valuation_mid-valuation_low,"
        "valuation_high-valuation_mid)",
        Kind.PER_SHARE,
        note="at most the width x the mid, inside the valuation range",
    )
    sheet.triple_header()
    sheet.line_triple(
        "Offer price per share",
        [f"valuation_mid-{half}", "valuation_mid", f"valuation_mid+{half}"],
        Kind.PER_SHARE,
        name="offer",
    )
    sheet.line_formula("IPO discount (to pre-money equity)", "ipo_discount", Kind.PERCENT)
    sheet.line_formula(
        "New shares at the mid", "primary_raise/offer_mid", Kind.COUNT, name="new_shares"
    )
    post = sheet.line_formula(
        "Post-listing value per share",
        "(equity_value_mid+primary_raise)/(pre_offer_shares+new_shares)",
        Kind.PER_SHARE,
    )
    sheet.line_formula(
        "Effective discount to the post-listing value",
        f"1-offer_mid/{post}",
        Kind.PERCENT,
        name="effective_discount",
    )
    sheet.line_formula(
        "Post-money market capitalisation at the mid",
        "offer_mid*(pre_offer_shares+new_shares)",
        Kind.MONEY,
        name="post_money_market_cap",
    )
    sheet.line_formula(
        "Subject LTM EBITDA after AASB 16",
        f"{ltm_ebitda}+ebitda_lease_adjustment",
        Kind.MONEY,
        name="subject_ebitda",
    )
    sheet.line_formula(
        "Implied EV / EBITDA at the mid offer price",
        "IF(subject_ebitda>0,(offer_mid*pre_offer_shares+(net_debt+lease_liabilities))"
        '/subject_ebitda,"")',
        Kind.MULTIPLE,
        name="implied_ev_to_ebitda",
    )
    sheet.line_formula(
        "Peers' median LTM EV / EBITDA",
        'IF(ISNUMBER(peers_ev_to_ebitda_ltm_median),peers_ev_to_ebitda_ltm_median,"")',
        Kind.MULTIPLE,
        name="peer_median_ev_to_ebitda",
    )
    sheet.line_formula(
        "Mid equity positive",
        "equity_value_mid>0",
        Kind.FLAG,
        note="FALSE: the engine refuses to price (the job fails)",
    )
