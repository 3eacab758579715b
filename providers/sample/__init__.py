"""The offline sample dataset: real ASX listing and RBA data, synthetic company financials."""

from providers.sample.provider import SampleProvider

__all__ = ["SampleProvider"]
