"""ABN Lookup's JSONP answers parsed: the recorded ones, its messages and malformed bodies."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ProviderError, ProviderUnavailable
from providers.abr import parse_entity, parse_matching_names, unwrap_jsonp
from providers.models import DataSource
from tests.fixtures.abr_upstream import TODAY, recorded


def test_abn_details_fixture_maps_every_field() -> None:
    entity = parse_entity(
        recorded("AbnDetails_74172177893.jsonp"), endpoint="AbnDetails", as_of=TODAY
    )
    assert entity is not None
    assert entity.abn == "74172177893"
    assert entity.acn == "172177893"
    assert entity.entity_name == "DIGITAL TRANSFORMATION AGENCY"
    assert entity.entity_type == "Commonwealth Government Entity"
    assert entity.status == "Active"
    assert entity.status_from == date(2017, 9, 27)
    assert entity.gst_registered_from == date(2017, 9, 27)
    assert (entity.state, entity.postcode) == ("ACT", "2600")
    assert entity.business_names == ("Digital Transformation Agency",)
    assert entity.provenance.source is DataSource.ABR
    assert entity.provenance.as_of == TODAY


def test_csiro_fixture_has_no_acn_no_status_date_and_four_business_names() -> None:
    entity = parse_entity(
        recorded("AbnDetails_41687119230_csiro.jsonp"), endpoint="AbnDetails", as_of=TODAY
    )
    assert entity is not None
    assert entity.acn is None
    assert entity.status_from is None
    assert entity.gst_registered_from == date(2000, 7, 1)
    assert entity.business_names == (
        "DEEP SPACE CAFE",
        "CSIRO",
        "CENTRE FOR LIVEABILITY REAL ESTATE",
        "DATA61",
    )


def test_acn_details_fixture_with_null_address_date() -> None:
    entity = parse_entity(
        recorded("AcnDetails_172177893.jsonp"), endpoint="AcnDetails", as_of=TODAY
    )
    assert entity is not None
    assert (entity.abn, entity.acn) == ("74172177893", "172177893")
    assert entity.business_names == ()


def test_matching_names_fixture() -> None:
    [match] = parse_matching_names(recorded("MatchingNames_digital_transformation.jsonp"))
    assert match.abn == "74172177893"
    assert match.name == "DIGITAL TRANSFORMATION AGENCY"
    assert match.name_type == "Entity Name"
    assert match.score == 100
    assert (match.state, match.postcode) == ("ACT", "2600")
    assert match.is_current is True


def test_bad_guid_fixture_is_a_configuration_error() -> None:
    with pytest.raises(ProviderError, match="GUID was refused") as raised:
        parse_entity(
            recorded("AbnDetails_error_bad_guid.jsonp"), endpoint="AbnDetails", as_of=TODAY
        )
    assert raised.value.extensions["upstream"] == "ABR"


@pytest.mark.parametrize(
    "message",
    ["Search text is not a valid ABN or ACN", "No records found", "No record found"],
)
def test_not_found_messages_mean_absent(message: str) -> None:
    body = (
        f'callback({{"Abn":"","Acn":"","EntityName":"","BusinessName":[],"Message":"{message}"}})'
    )
    assert parse_entity(body, endpoint="AbnDetails", as_of=TODAY) is None


def test_system_problem_message_is_unavailable() -> None:
    body = 'c({"Abn":"","Message":"System problems have prevented this request from completing"})'
    with pytest.raises(ProviderUnavailable, match="System problems"):
        parse_entity(body, endpoint="AbnDetails", as_of=TODAY)


def test_unknown_message_is_an_error() -> None:
    with pytest.raises(ProviderError, match="unexpected message"):
        parse_entity('c({"Abn":"","Message":"Something new"})', endpoint="AbnDetails", as_of=TODAY)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('{"Abn":"74172177893"}', "not JSONP"),
        ("<html>Service Unavailable</html>", "not JSONP"),
        ("", "not JSONP"),
        ("callback({'Abn': 1})", "no valid JSON"),
        ('callback(["74172177893"])', "no JSON object"),
        ('callback({"Abn":"74172177893","EntityName":"X","Gst":"27/09/2017"})', "not a date"),
        ('callback({"Abn":"74172177893","EntityName":"X","BusinessName":"X"})', "not a list"),
        ('callback({"Abn":"74172177893","EntityName":7})', "EntityName is not text"),
        ('callback({"Abn":"74172177893","EntityName":""})', "has no EntityName"),
    ],
)
def test_malformed_details_are_provider_errors(body: str, problem: str) -> None:
    with pytest.raises(ProviderError, match=problem) as raised:
        parse_entity(body, endpoint="AbnDetails", as_of=TODAY)
    assert str(raised.value).startswith("ABR AbnDetails: ")


def test_jsonp_accepts_a_trailing_semicolon_and_any_callback_name() -> None:
    assert unwrap_jsonp('  abnCallback({"Message":""});\n', "AbnDetails") == {"Message": ""}


def test_placeholder_dates_and_empty_gst_are_none() -> None:
    body = (
        'c({"Abn":"51824753556","EntityName":"JANE CITIZEN","AbnStatusEffectiveFrom":"0001-01-01",'
        '"Gst":null,"Message":""})'
    )
    entity = parse_entity(body, endpoint="AbnDetails", as_of=TODAY)
    assert entity is not None
    assert entity.status_from is None
    assert entity.gst_registered_from is None


@pytest.mark.parametrize(
    "body",
    [
        'c({"Message":"","Names":{}})',
        'c({"Message":"","Names":[{"Abn":"","Name":"X","Score":1}]})',
        'c({"Message":"","Names":[{"Abn":"51824753556","Name":"X","Score":"high"}]})',
        'c({"Message":"","Names":[{"Abn":"51824753556","Name":"X","Score":1,"IsCurrent":2}]})',
    ],
)
def test_malformed_matching_names_are_provider_errors(body: str) -> None:
    with pytest.raises(ProviderError, match=r"^ABR MatchingNames"):
        parse_matching_names(body)
