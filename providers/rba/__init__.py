"""Reserve Bank of Australia statistical tables."""

from providers.rba.parser import RbaParseError, RbaTable, parse_rba_table

__all__ = ["RbaParseError", "RbaTable", "parse_rba_table"]
