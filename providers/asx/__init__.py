"""ASX formats: the listed-companies directory file."""

from providers.asx.listing import ListedCompany, ListingParseError, parse_asx_listing

__all__ = ["ListedCompany", "ListingParseError", "parse_asx_listing"]
