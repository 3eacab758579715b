"""The GICS sector of each industry group, as the ASX names them."""

from __future__ import annotations

from typing import Final

_SECTORS: Final = {
    "Energy": ("Energy",),
    "Materials": ("Materials",),
    "Industrials": ("Capital Goods", "Commercial & Professional Services", "Transportation"),
    "Consumer Discretionary": (
        "Automobiles & Components",
        "Consumer Durables & Apparel",
        "Consumer Services",
        "Consumer Discretionary Distribution & Retail",
    ),
    "Consumer Staples": (
        "Consumer Staples Distribution & Retail",
        "Food, Beverage & Tobacco",
        "Household & Personal Products",
    ),
    "Health Care": (
        "Health Care Equipment & Services",
        "Pharmaceuticals, Biotechnology & Life Sciences",
    ),
    "Financials": (
        "Banks",
        "Financial Services",
        "Insurance",
        "Mortgage Real Estate Investment Trusts (REITs)",
    ),
    "Information Technology": (
        "Software & Services",
        "Technology Hardware & Equipment",
        "Semiconductors & Semiconductor Equipment",
    ),
    "Communication Services": ("Telecommunication Services", "Media & Entertainment"),
    "Utilities": ("Utilities",),
    "Real Estate": (
        "Equity Real Estate Investment Trusts (REITs)",
        "Real Estate Management & Development",
    ),
}
SECTOR_OF_GROUP: Final = {group: sector for sector, groups in _SECTORS.items() for group in groups}
