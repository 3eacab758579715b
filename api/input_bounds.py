"""The bounds `createValuation` checks, as JSON beside the SDL (schema/input-bounds.json), so a
client can check a form before it sends it, with the server's own numbers.

`python -m api.export` writes it; tests/api/test_schema_contract.py checks it is current.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from strawberry.utils.str_converters import to_camel_case

from resolvers.valuation_checks import TICKER
from schema import bounds

INPUT_BOUNDS_FILE = Path(__file__).resolve().parent.parent / "schema" / "input-bounds.json"


def input_bounds() -> dict[str, Any]:
    """Inclusive bounds by GraphQL name; rates are decimal fractions."""
    low_year, high_year = bounds.FISCAL_YEARS
    return {
        "companyNameMaxLength": bounds.MAX_COMPANY_NAME_LENGTH,
        "maxYears": bounds.MAX_YEARS,
        "fiscalYearEnd": [low_year.isoformat(), high_year.isoformat()],
        "money": [-bounds.MONEY_LIMIT, bounds.MONEY_LIMIT],
        "preOfferShares": list(bounds.SHARES),
        "maxPeers": bounds.MAX_PEERS,
        "maxExcludedPeers": bounds.MAX_EXCLUDED_PEERS,
        "tickerPattern": f"^{TICKER.pattern}$",
        "methodWeight": list(bounds.METHOD_WEIGHT),
        "shareOfOne": list(bounds.SHARE_OF_ONE),
        "maxHolders": bounds.MAX_HOLDERS,
        "assumptions": {
            to_camel_case(name): list(bound) for name, bound in bounds.ASSUMPTION_BOUNDS.items()
        },
    }
