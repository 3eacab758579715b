"""Enumerations exposed in the schema.

A closed set the domain already names as a Python enum (`Tier`, `Feature`, `Role`, `DataSource`) is
exposed as that same class, not a copy: the resolvers hand the domain's members to GraphQL as they
are, and a member added to the domain enum reaches the SDL with it (its description is required,
so the import fails until it has one). Each GraphQL value is the member's value: the strings these
fields carried before they were enums (`"basic"`, `"partner"`, `"ASX"`), so answers read the same.
Types import these names from here, which guarantees that the GraphQL definitions exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry.types.enum import StrawberryEnumDefinition

from accounts.principal import Role
from accounts.tiers import Feature, Tier, policy_for
from core.errors import ErrorCode
from providers.models import DataSource

__all__ = ["AccountErrorCode", "DataSource", "Feature", "GicsIndustryGroup", "Role", "Tier"]

DomainEnum = TypeVar("DomainEnum", bound=Enum)


def expose(domain: type[DomainEnum], description: str, values: Mapping[DomainEnum, str]) -> None:
    """Give a domain enum its GraphQL definition, every value described (partners read the SDL)."""
    undescribed = [member.name for member in domain if member not in values]
    if undescribed:
        raise ValueError(f"{domain.__name__} values without a description: {undescribed}")
    strawberry.enum(domain, description=description, graphql_name_from="value")
    definition = vars(domain)["__strawberry_definition__"]
    assert isinstance(definition, StrawberryEnumDefinition)
    for value in definition.values:
        value.description = values[domain(value.value)]


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


expose(
    DataSource,
    "The upstream a figure came from.",
    {
        DataSource.ASX: "ASX Limited (listing, market data).",
        DataSource.RBA: "Reserve Bank of Australia statistics.",
        DataSource.ABR: "ABN Lookup (Australian Business Register).",
        DataSource.ASIC: "The ASIC company dataset, imported as a snapshot.",
        DataSource.CAPIQ: "S&P Capital IQ.",
        DataSource.XERO: "Xero accounting data.",
        DataSource.SAMPLE: "The offline sample dataset; its company financials are synthetic.",
    },
)


def _tier_summary(tier: Tier) -> str:
    """The tier's allowances and features, read from its policy so that the SDL cannot drift."""
    policy = policy_for(tier)
    per_month = policy.valuations_per_month
    valuations = "unlimited valuations" if per_month is None else f"{per_month} valuations"
    features = ", ".join(feature.value for feature in Feature if policy.allows(feature))
    return f"{valuations} a month, {policy.requests_per_hour:,} requests an hour; {features}."


expose(
    Tier,
    "An organisation's subscription tier: its allowances and the features it includes.",
    {tier: _tier_summary(tier) for tier in Tier},
)

expose(
    Feature,
    "A feature a tier may include. `me.features` lists those of the caller's tier that unlock "
    "something today; a field that needs one the tier lacks is null with FEATURE_NOT_IN_TIER.",
    {
        Feature.BASIC_REPORTS: "Generated valuation reports.",
        Feature.SCENARIO_MODELLING: "What-if calculations on the valuation engine (`scenario`).",
        Feature.ADVANCED_ANALYTICS: "The detailed analytics of a valuation result (`details`).",
        Feature.WHITE_LABEL: "Reports under the organisation's own brand.",
        Feature.API_ACCESS: "Partner API keys, introspection and the SDL at "
        "GET /graphql/schema.graphql.",
        Feature.CUSTOM_INTEGRATIONS: "Integrations built for one organisation.",
    },
)

expose(
    Role,
    "How the caller is authenticated.",
    {
        Role.ANONYMOUS: "No credentials.",
        Role.USER: "A signed-in user, with an access token.",
        Role.PARTNER: "A partner system, with an API key of its organisation.",
    },
)


@strawberry.enum(
    description="Why `login`, `refreshToken` or `logout` refused; each value is the error code "
    "of the same name."
)
class AccountErrorCode(Enum):
    INVALID_CREDENTIALS = strawberry.enum_value(
        ErrorCode.INVALID_CREDENTIALS.value,
        description="`login`: the e-mail address or password is not right, or the account is "
        "deactivated.",
    )
    INVALID_REFRESH_TOKEN = strawberry.enum_value(
        ErrorCode.INVALID_REFRESH_TOKEN.value,
        description="`refreshToken`: the token is unknown, expired, revoked or spent (presenting a "
        "spent one revokes its whole session), or its user is deactivated; sign in again.",
    )
