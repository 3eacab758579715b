"""One lease basis for every comparison: after AASB 16.

AASB 16 *Leases* applies to annual reporting periods beginning on or after 1 January 2019
(AASB 16, paragraph C1), so the first full year on the new basis ends on or after 31 December 2019
(30 June 2020 for a June year end). Under it a lessee's lease costs leave EBITDA (they become
depreciation of the right-of-use asset and interest on the lease liability) and the lease
liability joins debt. A multiple compares like with like only when its numerator and denominator
sit on one basis, so every comparison here is post-AASB 16:

- a peer's EV includes its lease liabilities (added where the upstream's EV excludes them) and
  its EBITDA is as reported for a fiscal year ending on or after 31 December 2019;
- a peer whose latest accounts predate AASB 16 cannot be restated from the figures we hold (its
  lease payments are not published), so it is excluded from EV multiples with that reason;
- the subject's EBITDA is after AASB 16, or restated by adding its annual lease payments (the
  operating lease expense that AASB 16 removes from EBITDA); without them it stays on the old
  basis and the comparison carries a warning;
- the equity bridge of an EV multiple deducts the subject's lease liabilities, because the peers'
  EV it was priced from counts theirs.

The DCF follows the subject's own basis: FCFF after AASB 16 excludes lease payments (financing),
so its EV is before leases are deducted; FCFF before AASB 16 pays them as operating costs, so its
EV already bears them and the bridge deducts net debt only. Its exit-multiple cross-check is a
comparison with the peers, so it is post-AASB 16: a restated subject's final EBITDA is restated,
and its leases are deducted from the exit value (dcf_model.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

AASB16_FIRST_YEAR_END = date(2019, 12, 31)
PRE_AASB16 = "pre-AASB 16 accounts (lease costs within EBITDA): cannot be restated from our data"


def reports_post_aasb16(fiscal_year_end: date | None) -> bool:
    """Whether accounts for a fiscal year ending on this date were prepared under AASB 16."""
    return fiscal_year_end is not None and fiscal_year_end >= AASB16_FIRST_YEAR_END


@dataclass(frozen=True, slots=True)
class SubjectLeaseBasis:
    """How the subject's figures sit against the post-AASB 16 rule."""

    post_aasb16: bool  # the EBITDA the multiples apply to is after AASB 16
    ebitda_adjustment: float  # added to each period's EBITDA to restate it (0 when none)
    warnings: tuple[str, ...]
    warning_codes: tuple[str, ...]

    @property
    def dcf_deducts_leases(self) -> bool:
        """Whether the DCF's enterprise value still bears the leases (see the module docstring):
        only FCFF measured after AASB 16 excludes lease payments."""
        return self.post_aasb16 and self.ebitda_adjustment == 0.0


def subject_basis(ebitda_post_aasb16: bool, lease_payments: float | None) -> SubjectLeaseBasis:
    """The subject's basis: as given, restated with its annual lease payments, or mismatched."""
    if ebitda_post_aasb16:
        return SubjectLeaseBasis(True, 0.0, (), ())
    if lease_payments is not None and lease_payments > 0:
        return SubjectLeaseBasis(True, lease_payments, (), ())
    warning = basis_warning(False, [True])
    return SubjectLeaseBasis(False, 0.0, (warning,), ("AASB16_BASIS_MISMATCH",))


def basis_warning(subject_post_aasb16: bool, peers_post_aasb16: Sequence[bool]) -> str:
    """The warning when EV/EBITDA would mix EBITDA measured before and after AASB 16."""
    mismatched = sum(1 for peer in peers_post_aasb16 if peer != subject_post_aasb16)
    subject = _basis(subject_post_aasb16)
    peers = _basis(not subject_post_aasb16)
    return (
        f"EV multiples mix accounting bases: the subject's EBITDA is {subject} but "
        f"{mismatched} of {len(peers_post_aasb16)} peers report {peers}. Give leasePayments "
        "(the annual lease expense) to restate the subject after AASB 16."
    )


def peer_enterprise_value(
    enterprise_value: float | None, lease_liabilities: float, includes_leases: bool
) -> float | None:
    """A peer's EV on the post-AASB 16 basis: its lease liabilities counted as debt, once."""
    if enterprise_value is None:
        return None
    return enterprise_value if includes_leases else enterprise_value + max(lease_liabilities, 0.0)


def _basis(post_aasb16: bool) -> str:
    if post_aasb16:
        return "post-AASB 16 (leases capitalised, lease costs excluded from EBITDA)"
    return "pre-AASB 16 (lease costs expensed within EBITDA)"
