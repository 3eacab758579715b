"""The report's sections, in the order they are printed; each returns its flowables."""
