"""Enumerations exposed in the schema."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from providers.models import DataSource as _DataSource


def _group(label: str) -> Any:
    return strawberry.enum_value(label, description=f"GICS industry group '{label}'.")


@strawberry.enum(
    description="A GICS industry group (2023 structure), as the ASX classifies listings."
)
class GicsIndustryGroup(Enum):
    ENERGY = _group("Energy")
    MATERIALS = _group("Materials")
    CAPITAL_GOODS = _group("Capital Goods")
    COMMERCIAL_AND_PROFESSIONAL_SERVICES = _group("Commercial & Professional Services")
    TRANSPORTATION = _group("Transportation")
    AUTOMOBILES_AND_COMPONENTS = _group("Automobiles & Components")
    CONSUMER_DURABLES_AND_APPAREL = _group("Consumer Durables & Apparel")
    CONSUMER_SERVICES = _group("Consumer Services")
    CONSUMER_DISCRETIONARY_DISTRIBUTION_AND_RETAIL = _group(
        "Consumer Discretionary Distribution & Retail"
    )
    CONSUMER_STAPLES_DISTRIBUTION_AND_RETAIL = _group("Consumer Staples Distribution & Retail")
    FOOD_BEVERAGE_AND_TOBACCO = _group("Food, Beverage & Tobacco")
    HOUSEHOLD_AND_PERSONAL_PRODUCTS = _group("Household & Personal Products")
    HEALTH_CARE_EQUIPMENT_AND_SERVICES = _group("Health Care Equipment & Services")
    PHARMACEUTICALS_BIOTECHNOLOGY_AND_LIFE_SCIENCES = _group(
        "Pharmaceuticals, Biotechnology & Life Sciences"
    )
    BANKS = _group("Banks")
    FINANCIAL_SERVICES = _group("Financial Services")
    INSURANCE = _group("Insurance")
    SOFTWARE_AND_SERVICES = _group("Software & Services")
    TECHNOLOGY_HARDWARE_AND_EQUIPMENT = _group("Technology Hardware & Equipment")
    SEMICONDUCTORS_AND_SEMICONDUCTOR_EQUIPMENT = _group("Semiconductors & Semiconductor Equipment")
    TELECOMMUNICATION_SERVICES = _group("Telecommunication Services")
    MEDIA_AND_ENTERTAINMENT = _group("Media & Entertainment")
    UTILITIES = _group("Utilities")
    EQUITY_REAL_ESTATE_INVESTMENT_TRUSTS = _group("Equity Real Estate Investment Trusts (REITs)")
    REAL_ESTATE_MANAGEMENT_AND_DEVELOPMENT = _group("Real Estate Management & Development")

    @classmethod
    def from_label(cls, label: str | None) -> GicsIndustryGroup | None:
        """The enum member for an ASX label; `None` for unclassified or unknown labels."""
        return _BY_LABEL.get(label) if label else None


_BY_LABEL = {member.value: member for member in GicsIndustryGroup}


@strawberry.enum(description="The upstream a figure came from.")
class DataSource(Enum):
    ASX = strawberry.enum_value(_DataSource.ASX, description="ASX Limited (listing, market data).")
    RBA = strawberry.enum_value(
        _DataSource.RBA, description="Reserve Bank of Australia statistics."
    )
    ABR = strawberry.enum_value(
        _DataSource.ABR, description="ABN Lookup (Australian Business Register)."
    )
    ASIC = strawberry.enum_value(
        _DataSource.ASIC, description="The ASIC company dataset, imported as a snapshot."
    )
    CAPIQ = strawberry.enum_value(_DataSource.CAPIQ, description="S&P Capital IQ.")
    XERO = strawberry.enum_value(_DataSource.XERO, description="Xero accounting data.")
    SAMPLE = strawberry.enum_value(
        _DataSource.SAMPLE,
        description="The offline sample dataset; its company financials are synthetic.",
    )
