"""Statement-line labels -> what the line reports.

The wording is that of Australian reports under AASB 101 (Presentation of Financial Statements)
and AASB 107 (Statement of Cash Flows), of UK reports (Companies Act 2006 formats: "Turnover",
"Profit on ordinary activities before taxation") and of US Form 10-K filings (Regulation S-X
Article 5: "Net sales", "Operating income", "Provision for income taxes").

A label is normalised first (`normalise`): case, punctuation, "&", British and American spelling
("amortisation"/"amortization"), note references ("Note 5", "(note 12)"), a leading "Less:", the
owner named after "attributable to owners of ...". Matching is then exact (score 1.0) against the
dictionary below, or fuzzy (rapidfuzz's normalised Indel ratio, at least 85 of 100, scoring at
most 0.9) so that an OCR slip ("Revenve") or a near wording still maps, lower.

Current and non-current lines (AASB 101.60) are split only for borrowings and lease liabilities:
"Borrowings" under "Current liabilities" and under "Non-current liabilities" are parts that the
mapping stage sums. "Total current liabilities" is never taken for total liabilities.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from documents.concepts import SPLIT, Concept

_FUZZY_CUTOFF = 85.0
_FUZZY_CEILING = 0.9


_LOSS_CONCEPTS = frozenset({Concept.NET_INCOME, Concept.PROFIT_BEFORE_TAX, Concept.EBIT})


@dataclass(frozen=True, slots=True)
class LabelMatch:
    concept: Concept
    score: float  # 1.0 exact; lower for a fuzzy match
    priority: int  # between two lines of one statement for one concept, the higher wins
    part: str | None = None  # "current" or "non-current" for a split line
    loss: bool = False  # "Net loss", "Loss for the year": the figure is a loss however printed


_C = Concept
# (concept, priority, phrases as normalised). A "loss" phrase starts with "loss"/"net loss".
# fmt: off
_DICTIONARY: tuple[tuple[Concept, int, tuple[str, ...]], ...] = (
    (_C.REVENUE, 3, ("total revenue", "total revenues", "total net sales", "total net revenue",
                     "total net revenues", "total operating revenue", "total sales revenue",
                     "total turnover")),
    (_C.REVENUE, 2, ("revenue", "revenues", "revenue from contracts with customers",
                     "revenue from continuing operations", "revenue from operations",
                     "sales revenue", "turnover", "group turnover", "net sales", "net revenue",
                     "net revenues", "operating revenue", "sales", "sales and services revenue")),
    (_C.EBITDA, 2, ("ebitda", "earnings before interest tax depreciation and amortization",
                    "earnings before interest taxes depreciation and amortization")),
    (_C.EBIT, 2, ("operating profit", "operating profit loss", "profit from operations",
                  "profit loss from operations", "earnings before interest and tax",
                  "earnings before interest and taxes", "ebit", "operating income",
                  "operating income loss", "income from operations", "income loss from operations",
                  "results from operating activities", "profit from operating activities",
                  "operating loss", "loss from operations")),
    (_C.NET_INCOME, 3, ("profit attributable to owners of the parent",
                        "profit for the year attributable to owners of the parent",
                        "profit after income tax attributable to owners of the parent",
                        "profit after income tax expense for the year attributable to owners of"
                        " the parent",
                        "profit loss for the year attributable to owners of the parent",
                        "profit attributable to equity holders of the parent",
                        "net income attributable to common stockholders",
                        "net income attributable to owners of the parent")),
    (_C.NET_INCOME, 2, ("profit for the year", "profit loss for the year", "profit for the period",
                        "profit for the financial year", "profit after income tax",
                        "profit after income tax expense", "profit after tax",
                        "profit after income tax expense for the year",
                        "profit loss after income tax expense for the year",
                        "profit after income tax for the year", "net profit after tax",
                        "net profit after income tax", "net profit for the year", "net income",
                        "net income loss", "net earnings", "loss for the year", "net loss",
                        "loss after income tax", "loss after income tax expense for the year",
                        "profit on ordinary activities after taxation")),
    (_C.NET_INCOME, 1, ("net profit",)),
    (_C.DEPRECIATION_AND_AMORTISATION, 2, (
        "depreciation and amortization expense", "depreciation and amortization",
        "depreciation amortization", "depreciation and amortization expenses",
        "depreciation and amortization of property plant and equipment and intangible assets")),
    (_C.DEPRECIATION_AND_AMORTISATION, 1, ("depreciation amortization and impairment",)),
    (_C.DEPRECIATION, 2, ("depreciation", "depreciation expense",
                          "depreciation of property plant and equipment",
                          "depreciation of right of use assets")),
    (_C.AMORTISATION, 2, ("amortization", "amortization expense",
                          "amortization of intangible assets", "amortization of intangibles")),
    (_C.CAPITAL_EXPENDITURE, 2, (
        "payments for property plant and equipment", "purchase of property plant and equipment",
        "purchases of property plant and equipment", "acquisition of property plant and equipment",
        "payments for purchase of property plant and equipment", "payments for plant and equipment",
        "purchase of plant and equipment", "purchases of plant and equipment",
        "capital expenditure", "capital expenditures", "payments for capital expenditure",
        "payments for acquisition of property plant and equipment")),
    (_C.CASH, 2, ("cash and cash equivalents", "cash and equivalents", "cash",
                  "cash and short term deposits", "cash at bank and on hand",
                  "cash and bank balances", "cash at bank and in hand")),
    (_C.BORROWINGS, 3, ("total borrowings", "total interest bearing loans and borrowings")),
    (_C.BORROWINGS, 2, ("borrowings", "interest bearing loans and borrowings",
                        "interest bearing liabilities", "loans and borrowings", "long term debt",
                        "bank loans", "bank borrowings", "term debt", "short term debt",
                        "commercial paper", "current portion of long term debt",
                        "long term debt net of current portion",
                        "long term debt less current portion")),
    (_C.LEASE_LIABILITIES, 3, ("total lease liabilities",)),
    (_C.LEASE_LIABILITIES, 2, ("lease liabilities", "lease liability",
                               "operating lease liabilities", "finance lease liabilities",
                               "lease obligations", "obligations under finance leases")),
    (_C.TOTAL_ASSETS, 2, ("total assets",)),
    (_C.TOTAL_LIABILITIES, 2, ("total liabilities",)),
    (_C.TOTAL_EQUITY, 3, ("total equity attributable to owners of the parent",
                          "equity attributable to owners of the parent")),
    (_C.TOTAL_EQUITY, 2, ("total equity", "total shareholders equity", "total stockholders equity",
                          "total shareholders funds", "total equity deficiency")),
    (_C.TOTAL_LIABILITIES_AND_EQUITY, 2, (
        "total liabilities and equity", "total liabilities and shareholders equity",
        "total liabilities and stockholders equity", "total equity and liabilities")),
    (_C.NET_ASSETS, 2, ("net assets", "net assets liabilities")),
    (_C.SHARES_OUTSTANDING, 2, (
        "number of shares on issue", "number of ordinary shares on issue",
        "ordinary shares on issue", "ordinary shares", "fully paid ordinary shares",
        "ordinary shares fully paid",
        "ordinary shares on issue fully paid", "shares on issue", "shares outstanding",
        "number of shares outstanding", "common stock shares outstanding",
        "shares issued and outstanding", "number of ordinary shares")),
    (_C.DIVIDENDS, 2, ("dividends paid", "dividends provided for or paid",
                       "dividends paid to owners of the parent", "dividends paid to shareholders",
                       "dividends paid to members", "payment of dividends", "cash dividends paid",
                       "payments for dividends", "equity dividends paid", "dividends paid net")),
    (_C.CHANGE_IN_WORKING_CAPITAL, 2, (
        "changes in working capital", "change in working capital", "movement in working capital",
        "movements in working capital", "working capital movements",
        "net change in working capital",
        "increase decrease in working capital", "decrease increase in working capital")),
    (_C.PROFIT_BEFORE_TAX, 2, (
        "profit before income tax", "profit before income tax expense",
        "profit loss before income tax",
        "profit loss before income tax expense", "profit before tax", "profit before taxation",
        "profit loss before tax", "profit loss before taxation", "loss before income tax",
        "loss before income tax expense", "income before income taxes",
        "income before provision for income taxes", "income loss before income taxes",
        "earnings before income taxes", "profit on ordinary activities before taxation",
        "profit before income tax from continuing operations")),
    (_C.INCOME_TAX, 2, ("income tax expense", "income tax", "income tax benefit",
                        "income tax expense benefit", "income tax benefit expense", "taxation",
                        "tax", "provision for income taxes", "income tax provision",
                        "tax on profit", "income taxes", "tax expense", "provision for income tax",
                        "tax on profit on ordinary activities")),
    (_C.FINANCE_COSTS, 2, ("finance costs", "finance cost", "finance expenses", "finance expense",
                           "interest expense", "borrowing costs", "interest and finance costs",
                           "finance charges", "interest payable and similar charges",
                           "interest payable and similar expenses")),
    (_C.FINANCE_INCOME, 2, ("finance income", "interest income", "interest revenue",
                            "interest receivable and similar income")),
    (_C.NET_FINANCE_COSTS, 2, ("net finance costs", "net finance expense", "net finance expenses",
                               "finance costs net", "net interest expense", "interest expense net",
                               "net finance income costs", "net finance costs income")),
    (_C.OTHER_INCOME, 2, ("other income", "other gains", "other income and gains",
                          "other operating income")),
    (_C.COST_OF_SALES, 3, ("total cost of sales", "total cost of revenue",
                           "total cost of revenues")),
    (_C.COST_OF_SALES, 2, ("cost of sales", "cost of goods sold", "cost of revenue",
                           "cost of revenues", "cost of sales and services")),
    (_C.GROSS_PROFIT, 2, ("gross profit", "gross margin", "gross profit loss")),
    (_C.TOTAL_CURRENT_ASSETS, 2, ("total current assets",)),
    (_C.TOTAL_NON_CURRENT_ASSETS, 2, ("total noncurrent assets",)),
    (_C.TOTAL_CURRENT_LIABILITIES, 2, ("total current liabilities",)),
    (_C.TOTAL_NON_CURRENT_LIABILITIES, 2, ("total noncurrent liabilities",)),
)
# fmt: on

_EXACT: dict[str, tuple[Concept, int]] = {
    phrase: (concept, priority)
    for concept, priority, phrase_set in _DICTIONARY
    for phrase in phrase_set
}
_CHOICES = tuple(_EXACT)

_CASH_FLOW_TOTAL = re.compile(
    r"^(?:net )?cash (?:flows? )?(?:(?:inflows?|outflows?|from|used|in|by|provided|generated|"
    r"applied|to|for|used in|from used in)\s)*(operating|investing|financing) activities$"
)
_CHANGE_IN_CASH = re.compile(
    r"^(?:net )?(?:increase|decrease|change|movement)(?: (?:increase|decrease))?"
    r" in cash\b.*$|"
    r"^cash(?: cash equivalents)?(?: and cash equivalents)?(?: and restricted cash)?"
    r" (?:net )?(?:increase|decrease)(?: (?:increase|decrease))?$"
)
_CASH_AT = re.compile(r"^cash\b.*\b(?:at|beginning|end|ending|opening|closing)\b")
_OPENING = re.compile(r"\b(?:beginning|begin|start|opening|1 july|1 january|1 april|1 october)\b")
_CLOSING = re.compile(r"\b(?:end|ending|closing|30 june|31 december|31 march|30 september)\b")
_EXCHANGE = re.compile(r"\bexchange\b.*\bcash\b|\bcash\b.*\bexchange\b")
_WORKING_CAPITAL_LINE = re.compile(
    r"^(?:increase decrease|decrease increase|increase|decrease|change|changes|movement|movements)"
    r" in (?:trade|other|inventor|receivable|payable|prepayment|provision|accrued|deferred|"
    r"contract|accounts|employee|current|operating)"
)
_WORKING_CAPITAL_HEADING = re.compile(
    r"^(?:changes?|movements?) in (?:operating assets and liabilities|working capital|assets and "
    r"liabilities)|^working capital (?:changes|movements)"
)
# Lines under a working-capital heading that are not working capital: income tax payable and
# deferred tax movements (the valuation taxes EBIT at its own rate, so a tax timing difference is
# not an operating investment) and non-cash items printed among the movements.
_NOT_WORKING_CAPITAL = re.compile(
    r"\btax(?:es|ation)?\b|\bdepreciation\b|\bamortization\b|\bimpairment\b|\bshare based\b|"
    r"\bdisposal\b|\bfair value\b|\bexchange\b|\bwrite (?:off|down)s?\b|\bwritten (?:off|down)\b"
)
_QUALIFIER = re.compile(r"^(?:(current|noncurrent) )?(.*?)(?: (current|noncurrent))?$")


@lru_cache(maxsize=8192)
def normalise(label: str) -> str:
    """A label reduced to the dictionary's form (module docstring)."""
    text = label.lower().replace("’", "'").replace("&", " and ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"\(?\bnotes?\s*\d+[a-z0-9.()]*\)?", " ", text)
    text = re.sub(r"\((?:[$£€a-z]*'?000s?|thousands|millions|number|no\.?)\)", " ", text)
    text = re.sub(r"non[\s\-–]+current", "noncurrent", text)
    text = text.replace("isation", "ization")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:less|add|deduct|plus)\s+", "", text)
    text = re.sub(r"\s+\d{1,2}$", "", text)  # a note number run into the label
    text = re.sub(
        r"\battributable to (?:the )?(?:owners|members|shareholders|equity holders)"
        r"(?: of .*)?$",
        "attributable to owners of the parent",
        text,
    )
    text = re.sub(
        r"^(?:the )?(?:owners|equity holders|shareholders|members) of .*$",
        "owners of the parent",
        text,
    )
    text = re.sub(
        r"^dividends paid to (?:the )?(?:owners|members|shareholders|equity holders) of .*$",
        "dividends paid to owners of the parent",
        text,
    )
    return text


def _pattern_match(text: str) -> Concept | None:
    if found := _CASH_FLOW_TOTAL.match(text):
        return {
            "operating": Concept.NET_OPERATING_CASH,
            "investing": Concept.NET_INVESTING_CASH,
            "financing": Concept.NET_FINANCING_CASH,
        }[found[1]]
    if _CHANGE_IN_CASH.match(text):
        return Concept.NET_CHANGE_IN_CASH
    if _EXCHANGE.search(text) and ("rate" in text or "foreign" in text or "differences" in text):
        return Concept.EXCHANGE_ON_CASH
    if _CASH_AT.match(text) and text not in _EXACT:
        if _OPENING.search(text):
            return Concept.OPENING_CASH
        if _CLOSING.search(text):
            return Concept.CLOSING_CASH
    return None


def _lookup(text: str) -> tuple[Concept, int, float] | None:
    if text in _EXACT:
        concept, priority = _EXACT[text]
        return concept, priority, 1.0
    if (pattern := _pattern_match(text)) is not None:
        return pattern, 2, 1.0
    if len(text) < 4:
        return None
    best = process.extractOne(text, _CHOICES, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    if best is None:
        return None
    concept, priority = _EXACT[best[0]]
    return concept, priority, round(_FUZZY_CEILING * best[1] / 100, 3)


@lru_cache(maxsize=8192)
def match_label(label: str, section: str = "") -> LabelMatch | None:
    """What the line labelled `label` under the heading `section` reports, or None."""
    text = normalise(label)
    if not text:
        return None
    heading = normalise(section)
    if text in {"owners of the parent", "attributable to owners of the parent"} and (
        any(word in heading for word in ("profit", "net income", "attributable"))
        and "comprehensive" not in heading
    ):
        return LabelMatch(Concept.NET_INCOME, 1.0, 3)
    found = _lookup(text)
    part: str | None = None
    if found is None or found[0] not in SPLIT:
        qualified = _QUALIFIER.match(text)
        if qualified and (qualified[1] or qualified[3]) and not text.startswith("total"):
            split = _lookup(qualified[2])
            if split is not None and split[0] in SPLIT:
                found, part = split, qualified[1] or qualified[3]
    if found is None:
        return None
    concept, priority, score = found
    if concept in SPLIT and part is None:
        part = (
            "noncurrent"
            if heading.startswith("noncurrent")
            else ("current" if heading.startswith("current") else None)
        )
    loss = concept in _LOSS_CONCEPTS and text.startswith(("loss", "net loss", "operating loss"))
    label_part = {"noncurrent": "non-current", "current": "current"}.get(part or "")
    return LabelMatch(concept, score, priority, label_part, loss)


def is_working_capital_line(label: str) -> bool:
    """A cash-flow line reporting the change in one operating asset or liability."""
    return bool(_WORKING_CAPITAL_LINE.match(normalise(label)))


def is_working_capital_heading(label: str) -> bool:
    """ "Changes in operating assets and liabilities:" and its variants (AASB 107.20(a))."""
    return bool(_WORKING_CAPITAL_HEADING.match(normalise(label)))


def is_working_capital_movement(label: str, section: str) -> bool:
    """A line reporting the change in an operating asset or liability, by its label or by the
    working-capital heading it stands under; income tax payable, deferred tax and non-cash items
    are not (see _NOT_WORKING_CAPITAL)."""
    if _NOT_WORKING_CAPITAL.search(normalise(label)):
        return False
    return is_working_capital_line(label) or is_working_capital_heading(section)


def is_block_total(label: str) -> bool:
    """A "Total ..." line that adds the lines above it (not total comprehensive income, which adds
    other comprehensive income to the profit above it)."""
    text = normalise(label)
    return text.startswith("total ") and not text.startswith("total comprehensive")


def is_subtotal(label: str) -> bool:
    """A line that closes a block: a total, a profit line or a net cash line."""
    text = normalise(label)
    starts = (
        "total ",
        "net cash",
        "gross ",
        "net increase",
        "net decrease",
        "cash generated",
        "operating profit",
        "operating income",
        "ebit",
        "earnings before",
    )
    return text.startswith(starts) or (
        ("profit" in text or "loss" in text or "income" in text)
        and ("before" in text or "after" in text or "for the" in text or text.startswith("net "))
    )
