"""The valuation engine: pure functions over numpy, no I/O.

Conventions: rates are decimal fractions; money in AUD; cash flows fall at year ends t = 1..N; a
terminal value at year N is discounted N periods; with no terminal growth there is no terminal
value.
"""
