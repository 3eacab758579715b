"""The valuation engine: pure functions over numpy, no I/O. Filled in by the valuation-jobs work."""
