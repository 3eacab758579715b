"""The valuation engine: pure functions, no I/O."""
