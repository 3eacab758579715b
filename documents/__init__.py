"""Documents a company uploads (annual reports, statements, workbooks, scans) and the figures
extracted from them. `model.py` holds the shapes every stage shares."""
