"""Completed valuations beside the stored row's: the same company and evidence changed so that
each takes other branches of the engine (a bank's equity methods, a restated lease basis with a
stub year dropped, a forecast projected from history)."""

from __future__ import annotations

import copy
import json
from typing import Any

from tests.reports.conftest import STORED_ROW

Case = tuple[dict[str, Any], dict[str, Any]]  # the job's stored inputs and gathered data


def stored_case() -> Case:
    row = json.loads(STORED_ROW.read_text())
    return row["inputs"], row["gathered"]


def bank_case() -> Case:
    """A bank: P/B scaled for ROE (2), P/E FY1 (1), dividend yield FY1 (1) by the sector model;
    the peers carry P/B (one an outlier, one missing), ROE (one a loss) and cash yields, and
    being LTM only they send the FY1 methods back to LTM."""
    inputs, gathered = copy.deepcopy(stored_case())
    inputs["gics_industry_group"] = "Banks"
    valuation = inputs["valuation"]
    valuation["book_equity"] = 60_000_000.0
    valuation["franking_percentage"] = 1.0
    valuation["history"][-1]["dividends"] = 5_000_000.0
    price_to_book = [1.1, 1.35, 0.95, 1.6, 1.2, 4.8, 1.05, 1.45, None, 1.3, 0.9, 1.25]
    roe = [0.11, 0.13, 0.09, 0.15, 0.12, 0.2, -0.02, 0.14, 0.1, 0.125, 0.08, 0.118]
    yields = [0.05, 0.045, 0.06, 0.04, 0.055, None, 0.052, 0.048, 0.058, 0.047, 0.062, 0.051]
    for peer, pb, r, y in zip(gathered["peers"], price_to_book, roe, yields, strict=True):
        peer["multiples"].update(price_to_book=pb, return_on_equity=r, dividend_yield=y)
    return inputs, gathered


def restated_case() -> Case:
    """EBITDA before AASB 16 restated with lease payments; imputation credits, a RONIC above the
    WACC, a target gearing with debt, the caller's risk-free rate; a valuation date after the
    first forecast year ends (it is dropped); caller ranges (P/E FY2, a grossed-up yield on a
    payout ratio); FY1 custom peers, one a US GAAP peer left out of EV multiples."""
    inputs, gathered = copy.deepcopy(stored_case())
    valuation = inputs["valuation"]
    valuation.update(
        ebitda_post_aasb16=False,
        lease_payments=1_200_000.0,
        lease_liabilities=4_000_000.0,
        valuation_date="2026-08-15",
        franking_percentage=1.0,
        custom_peers=[
            {
                "name": "US Peer A",
                "country": "US",
                "currency": "USD",
                "period": "FY1",
                "post_aasb16": False,
                "ev_to_ebitda": 12.0,
                "levered_beta": 1.1,
                "debt_to_equity": 0.2,
                "source": "broker note",
            },
            {
                "name": "NZ Peer B",
                "country": "NZ",
                "period": "FY1",
                "ev_to_ebitda": 13.5,
                "ev_to_ebit": 18.0,
                "levered_beta": 1.05,
                "debt_to_equity": 0.1,
            },
            {"name": "UK Peer C", "country": "GB", "period": "FY1", "ev_to_ebitda": 15.2},
        ],
    )
    valuation["assumptions"] = {
        "tax_rate": 0.3,
        "imputation_gamma": 0.5,
        "return_on_new_invested_capital": 0.18,
        "target_debt_to_equity": 0.25,
        "risk_free_rate": 0.045,
        "terminal_growth": 0.03,
        "credit_spread": 0.03,
        "ipo_discount": 0.12,
        "offer_range_width": 0.08,
        "payout_ratio": 0.6,
        "dividend_yield_basis": "GROSSED_UP",
        "methods": [
            {"method": "DCF", "weight": 2},
            {"method": "EV_TO_EBITDA", "weight": 1, "period": "FY1"},
            {"method": "EV_TO_EBIT", "weight": 1, "period": "LTM"},
            {
                "method": "PRICE_TO_EARNINGS",
                "weight": 1,
                "period": "FY2",
                "multiple_range": [20.0, 26.0],
            },
            {
                "method": "DIVIDEND_YIELD",
                "weight": 0.5,
                "period": "FY1",
                "multiple_range": [0.03, 0.05],
            },
            {"method": "PRECEDENT_TRANSACTIONS", "weight": 0},
        ],
    }
    return inputs, gathered


def projected_case() -> Case:
    """No forecast: the DCF projects five years from history, year-end convention, net cash."""
    inputs, gathered = copy.deepcopy(stored_case())
    valuation = inputs["valuation"]
    valuation.update(forecast=[], net_debt=-3_000_000.0, valuation_date="2025-08-31")
    valuation["assumptions"] = {"tax_rate": 0.3, "mid_year_convention": False}
    return inputs, gathered
