"""Reports of a completed valuation: a PDF for a board and an XLSX model with live formulas."""
