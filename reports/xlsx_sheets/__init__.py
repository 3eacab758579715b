"""The sheets of the XLSX model (reports/xlsx_model.py), one module each."""
