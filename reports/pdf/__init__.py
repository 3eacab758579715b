"""The PDF report's parts: formatting, fonts and styles, the marks, the page frame, the charts and
one module per group of sections. `reports.pdf_report.render_pdf` puts them together."""
