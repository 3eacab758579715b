"""The XLSX model of a completed valuation: live formulas that recompute the API's figures from
the valuation's inputs, for auditors and advisers to check and flex.

Sheets, in order: Inputs (periods, balance sheet, offer, every assumption the engine used),
Peers (multiples and betas, exclusions and statistics by formula), WACC (CAPM build-up and the
company-specific premium), DCF (schedule, cash flows, terminal value, sensitivity grid, Monte
Carlo bar), Comparables (each multiple or yield method), Synthesis (bars, valuation range, offer
range), Checks (each headline figure against the API's) and Sources (provenance, as values).

Built from the stored input and result alone (reports/model.py): no database, no engine run. The
formulas mirror the engine's modules, which the sheets' docstrings name; what they cannot
reproduce (upstream data, the Monte Carlo, the engine's choice of methods and periods) is written
as values in the engine's style (blue on grey) and listed on the Sources sheet.
"""

from __future__ import annotations

from reports.model import ReportData
from reports.xlsx_sheets.book import ModelBook
from reports.xlsx_sheets.checks_sheet import write_checks
from reports.xlsx_sheets.comparables_sheet import write_comparables
from reports.xlsx_sheets.dcf_sheet import write_dcf
from reports.xlsx_sheets.facts import ModelNotAvailable, model_facts
from reports.xlsx_sheets.inputs_sheet import write_inputs
from reports.xlsx_sheets.peers_sheet import write_peers
from reports.xlsx_sheets.sources_sheet import write_sources
from reports.xlsx_sheets.synthesis_sheet import write_synthesis
from reports.xlsx_sheets.wacc_sheet import write_wacc

__all__ = ["MEDIA_TYPE", "ModelNotAvailable", "build_workbook"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def build_workbook(data: ReportData) -> bytes:
    """The workbook's bytes (an .xlsx file); `ModelNotAvailable` for a result stored before the
    engine recorded what the model needs."""
    facts = model_facts(data)
    book = ModelBook()
    book.workbook.set_properties(
        {
            "title": f"Valuation model: {data.company_name}",
            "company": data.organisation_name,
            "comments": f"Valuation {data.valuation_id} as at {data.valuation_date.isoformat()}",
        }
    )
    inputs = write_inputs(book, facts)
    peers = write_peers(book, facts)
    write_wacc(book, inputs, peers)
    dcf = write_dcf(book, facts, inputs)
    bars = write_comparables(book, facts, inputs, peers)
    write_synthesis(book, facts, inputs, dcf.bar, bars)
    write_checks(book, facts)
    write_sources(book, facts)
    return book.close()
