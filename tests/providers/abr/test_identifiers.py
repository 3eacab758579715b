"""ABN Lookup identifiers: the ABN and ACN check digits, and normalisation."""

from __future__ import annotations

import pytest

from providers.abr import IdentifierKind, classify, is_valid_abn, is_valid_acn, normalise
from tests.fixtures.abr_upstream import VALID_ACNS

# The ATO's example ABN, and ABNs of the fixtures' entities.
VALID_ABNS = ["51 824 753 556", "51824753556", "74172177893", "41687119230", "89000000019"]
INVALID_ABNS = ["51 824 753 557", "12345678901", "5182475355", "518247535566", "5182475355a"]
# The fixture's ACN 172177893 fails the check (its digit should be 2): the fixture is modelled.
INVALID_ACNS = ["000 000 018", "010 749 962", "172177893", "00000001", "0000000019"]


@pytest.mark.parametrize("abn", VALID_ABNS)
def test_valid_abns_pass_the_modulus_89_check(abn: str) -> None:
    assert is_valid_abn(abn)
    assert classify(abn) is IdentifierKind.ABN


@pytest.mark.parametrize("abn", INVALID_ABNS)
def test_invalid_abns_fail(abn: str) -> None:
    assert not is_valid_abn(abn)


@pytest.mark.parametrize("acn", VALID_ACNS)
def test_asic_example_acns_pass_the_check_digit(acn: str) -> None:
    assert is_valid_acn(acn)
    assert classify(acn) is IdentifierKind.ACN


@pytest.mark.parametrize("acn", INVALID_ACNS)
def test_invalid_acns_fail(acn: str) -> None:
    assert not is_valid_acn(acn)


def test_identifiers_are_normalised_and_other_scripts_digits_refused() -> None:
    assert normalise(" 51 824\t753 556 ") == "51824753556"
    assert classify("٥١٨٢٤٧٥٣٥٥٦") is None  # Arabic-Indic digits
    assert classify("") is None
