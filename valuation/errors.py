"""Errors of the valuation engine."""

from __future__ import annotations


class ValuationInputError(ValueError):
    """Inputs that cannot be valued as given (the message says which and why)."""
