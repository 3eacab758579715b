"""The summary: the offer and valuation ranges, the target multiple against the peers, the
football field and the table of methods behind its bars."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from contracts.valuation_result import StoredMethod, StoredRange
from reports.model import ReportData
from reports.pdf.blocks import Cell, cell, data_table, figures, gap, heading, note, subheading, text
from reports.pdf.football_field import Bar, football_field
from reports.pdf.formatting import (
    aud_millions,
    method_name,
    multiple,
    per_share,
    percent,
    price_range,
    yield_or_multiple,
)
from reports.pdf.styles import FRAME_WIDTH, Styles

FOOTBALL_FIELD = "Football field"


def _weight(value: float) -> str:
    return f"{value:g}"


def _bar_detail(m: StoredMethod) -> str:
    period = f"{m.period} · " if m.period else ""
    if m.weight == 0:
        return f"{period}weight 0: shown, not weighted"
    return f"{period}weight {_weight(m.weight)}"


def offer_range_text(data: ReportData) -> str:
    return price_range(data.result.pricing.price_per_share)


def summary(data: ReportData, styles: Styles) -> list[Flowable]:
    pricing = data.result.pricing
    offer = pricing.price_per_share
    valuation = pricing.valuation_range or offer
    flow: list[Flowable] = [heading("Summary", styles)]
    flow.append(Paragraph("Indicative offer range per share", styles.figure_label))
    flow.append(Paragraph(text(offer_range_text(data)), styles.headline_value))
    if pricing.offer_range_width is not None:  # results stored before it had no offer range
        flow.append(
            note(
                f"Centred on the valuation range's mid, {per_share(offer.mid)}, at most "
                f"±{percent(pricing.offer_range_width, 0)} wide and inside the valuation range.",
                styles,
            )
        )
    flow.append(gap(6))
    flow.append(figures(_key_figures(data, valuation), styles))
    sentence = target_multiple_sentence(data)
    if sentence:
        flow.append(gap(4))
        flow.append(Paragraph(text(sentence), styles.body))
    synthetic = [s for s in data.result.sources if s.synthetic]
    if synthetic:
        flow.append(gap(4))
        flow.append(
            Paragraph(
                f"<b>{len(synthetic)} of the {len(data.result.sources)} data sources are "
                "synthetic sample data</b>, generated offline rather than observed: the figures "
                "show how the valuation works, not what the company is worth. The provenance "
                "appendix lists them.",
                styles.small,
            )
        )
    flow.append(gap(8))
    flow.append(
        KeepTogether(
            [
                subheading(FOOTBALL_FIELD, styles),
                football_field(_bars(data, valuation), offer, styles.palette, FRAME_WIDTH),
                note(_football_field_note(data), styles),
            ]
        )
    )
    return flow


def _football_field_note(data: ReportData) -> str:
    dcf = any(m.method == "DCF" for m in data.result.pricing.methods)
    return (
        "Each bar runs from the method's low to its high price per pre-offer share after the IPO "
        "discount, with a white mark at its mid"
        + ("; the DCF's bar is its Monte Carlo P10 to P90, its mark the P50" if dcf else "")
        + ". The weighted valuation range weighs the bars by their weights; the shaded band is "
        "the indicative offer range."
    )


def _key_figures(data: ReportData, valuation: StoredRange) -> list[tuple[str, str]]:
    pricing = data.result.pricing
    extra = pricing.model_extra or {}
    new_shares = extra.get("new_shares")
    return [
        (f"Valuation range per share (mid {per_share(valuation.mid)})", price_range(valuation)),
        ("Target multiple: EV/EBITDA at the mid offer", multiple(pricing.implied_ev_to_ebitda)),
        (_peer_range_label(data), multiple(pricing.peer_median_ev_to_ebitda)),
        (
            "Enterprise value (weighted)",
            f"{aud_millions(pricing.enterprise_value.low)} – "
            f"{aud_millions(pricing.enterprise_value.high)}",
        ),
        (
            "Pre-money equity value",
            f"{aud_millions(pricing.equity_value.low)} – {aud_millions(pricing.equity_value.high)}",
        ),
        ("WACC", percent(data.result.wacc.wacc, 2)),
        ("IPO discount to pre-money equity", percent(pricing.ipo_discount)),
        ("Effective discount to the post-listing value", percent(pricing.effective_discount)),
        ("Primary raise", aud_millions(data.inputs.valuation.primary_raise)),
        (
            "Market capitalisation at the mid offer",
            aud_millions(extra.get("post_money_market_cap")),
        ),
        (
            "New shares at the mid offer",
            "–" if new_shares is None else f"{new_shares / 1e6:,.1f}m",
        ),
        ("Sector model", (data.result.sector or "–").capitalize()),
    ]


def _peer_range_label(data: ReportData) -> str:
    stats = (data.payload.get("comparables") or {}).get("ev_to_ebitda") or {}
    if stats.get("p25") is None or stats.get("p75") is None:
        return "Peers' median EV/EBITDA"
    return (
        f"Peers' median EV/EBITDA (interquartile {multiple(stats['p25'])} – "
        f"{multiple(stats['p75'])})"
    )


def target_multiple_sentence(data: ReportData) -> str | None:
    """The target multiple against the peers in words, or None without both multiples."""
    pricing = data.result.pricing
    implied, median = pricing.implied_ev_to_ebitda, pricing.peer_median_ev_to_ebitda
    if implied is None or median is None or median <= 0:
        return None
    gap_to_median = implied / median - 1
    side = "below" if gap_to_median < 0 else "above"
    return (
        f"At the mid offer price the company is priced at {multiple(implied)} EV/EBITDA, "
        f"{percent(abs(gap_to_median), 0)} {side} the peers' median of {multiple(median)}."
    )


def _bars(data: ReportData, valuation: StoredRange) -> list[Bar]:
    bars = [
        Bar(
            method_name(m.method),
            _bar_detail(m),
            m.per_share.low,
            m.per_share.high,
            m.per_share.mid,
        )
        for m in data.result.pricing.methods
        if m.per_share is not None
    ]
    bars.append(
        Bar(
            "Valuation range",
            "weighted by the methods' weights",
            valuation.low,
            valuation.high,
            valuation.mid,
            weighted_range=True,
        )
    )
    return bars


def methods_table(data: ReportData, styles: Styles) -> list[Flowable]:
    rows: list[list[Cell]] = []
    for m in data.result.pricing.methods:
        multiples = "–"
        if m.multiple_mid is not None:
            multiples = " / ".join(
                yield_or_multiple(m.method, v)
                for v in (m.multiple_low, m.multiple_mid, m.multiple_high)
            )
        value = m.value if m.gives == "enterprise" else (m.equity_value or m.value)
        share = m.per_share
        rows.append(
            [
                cell(
                    f"<b>{text(method_name(m.method))}</b><br/>"
                    f"<font size='6.5' color='#5F6368'>{text(m.basis)}</font>",
                    styles,
                ),
                cell(m.period or "–", styles, right=True),
                cell(_weight(m.weight), styles, right=True),
                cell(multiples, styles, right=True),
                cell(f"{aud_millions(value.low)} – {aud_millions(value.high)}", styles, right=True),
                cell(
                    f"{per_share(share.low)} / {per_share(share.mid)} / {per_share(share.high)}"
                    if share
                    else "–",
                    styles,
                    right=True,
                ),
            ]
        )
    header = [
        "Method and basis",
        "Period",
        "Weight",
        "Multiple low / mid / high",
        "EV or equity, low – high",
        "Per share low / mid / high",
    ]
    return [
        heading("Methods and peers", styles),
        subheading("Methods", styles),
        data_table(header, rows, [2.8, 0.9, 0.9, 2.0, 2.0, 2.4], styles),
        note(
            "EV methods give enterprise value, bridged to equity by net debt and leases; P/E and "
            "yield methods give equity directly. Per share: per pre-offer share after the IPO "
            "discount.",
            styles,
        ),
    ]
