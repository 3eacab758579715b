"""One lease basis: AASB 16's first year, peers' EV with leases, the subject restated or warned."""

from __future__ import annotations

from datetime import date

from valuation.lease_basis import (
    basis_warning,
    peer_enterprise_value,
    reports_post_aasb16,
    subject_basis,
)


def test_aasb16_applies_to_years_beginning_on_or_after_1_january_2019() -> None:
    """AASB 16 para C1: annual periods beginning on or after 1 January 2019, so a calendar
    2019 year (ending 31 December 2019) is the first; a June 2019 year end is not."""
    assert reports_post_aasb16(date(2019, 12, 31))
    assert reports_post_aasb16(date(2020, 6, 30))
    assert not reports_post_aasb16(date(2019, 6, 30))
    assert not reports_post_aasb16(None)


def test_a_peers_ev_counts_its_leases_once() -> None:
    assert peer_enterprise_value(100.0, 12.0, includes_leases=False) == 112.0
    assert peer_enterprise_value(100.0, 12.0, includes_leases=True) == 100.0
    assert peer_enterprise_value(None, 12.0, includes_leases=False) is None


def test_a_post_aasb16_subject_needs_no_restatement() -> None:
    basis = subject_basis(True, None)
    assert basis.post_aasb16 and basis.ebitda_adjustment == 0.0 and not basis.warnings
    assert basis.dcf_deducts_leases


def test_a_pre_aasb16_subject_with_lease_payments_is_restated() -> None:
    basis = subject_basis(False, 1.5e6)
    assert basis.post_aasb16 and basis.ebitda_adjustment == 1.5e6
    # Its FCFF still pays the leases as operating costs, so the DCF does not deduct them again.
    assert not basis.dcf_deducts_leases
    assert not basis.warnings


def test_a_pre_aasb16_subject_without_lease_payments_is_warned() -> None:
    basis = subject_basis(False, None)
    assert basis.warning_codes == ("AASB16_BASIS_MISMATCH",)
    assert "leasePayments" in basis.warnings[0]
    assert not basis.dcf_deducts_leases


def test_the_basis_warning_counts_the_peers_on_the_other_basis() -> None:
    warning = basis_warning(True, [True, False, False, True])
    assert "subject's EBITDA is post-AASB 16" in warning
    assert "2 of 4 peers report pre-AASB 16" in warning
