"""The Australian Business Register (ABN Lookup) and ASIC's company dataset."""

from providers.abr.asic_dataset import AsicDatasetReport, parse_asic_companies
from providers.abr.identifiers import (
    IdentifierKind,
    classify,
    is_valid_abn,
    is_valid_acn,
    normalise,
)
from providers.abr.jsonp import parse_entity, parse_matching_names, unwrap_jsonp
from providers.abr.live import DEFAULT_BASE_URL, AbrProvider

__all__ = [
    "DEFAULT_BASE_URL",
    "AbrProvider",
    "AsicDatasetReport",
    "IdentifierKind",
    "classify",
    "is_valid_abn",
    "is_valid_acn",
    "normalise",
    "parse_asic_companies",
    "parse_entity",
    "parse_matching_names",
    "unwrap_jsonp",
]
