"""The simulated ABN Lookup: JSONP, recorded entities, simulated ones, refusals as HTTP 200."""

from __future__ import annotations

import json

import httpx
import pytest

from simulator import Credentials
from simulator.identifiers import abn_for_acn, abn_is_valid, acn_is_valid
from simulator.recordings import recorded_json

GUID = Credentials().abr_guid


def unwrap(text: str, callback: str) -> dict:
    assert text.startswith(f"{callback}(") and text.endswith(")")
    return json.loads(text[len(callback) + 1 : -1])


async def abr(http: httpx.AsyncClient, base: str, route: str, **params: str) -> httpx.Response:
    return await http.get(f"{base}/abr/{route}", params={"guid": GUID, **params})


async def test_a_recorded_abn_is_served_as_recorded_inside_the_callback(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await abr(http, simulator, "AbnDetails.aspx", abn="74172177893", callback="cb")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert unwrap(response.text, "cb") == recorded_json("abr/AbnDetails_74172177893.jsonp")


async def test_a_wrong_guid_gets_the_recorded_message_with_status_200(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await http.get(
        f"{simulator}/abr/AbnDetails.aspx",
        params={"abn": "74172177893", "guid": "not-registered", "callback": "cb"},
    )
    assert response.status_code == 200
    assert unwrap(response.text, "cb") == recorded_json("abr/AbnDetails_error_bad_guid.jsonp")


async def test_an_abn_passing_the_check_digit_gets_a_marked_simulated_entity(
    simulator: str, http: httpx.AsyncClient
) -> None:
    first = await abr(http, simulator, "AbnDetails.aspx", abn="51 824 753 556", callback="cb")
    again = await abr(http, simulator, "AbnDetails.aspx", abn="51824753556", callback="cb")
    entity = unwrap(first.text, "cb")
    assert entity["EntityName"] == "SIMULATED ENTITY 51824753556"
    assert entity["Abn"] == "51824753556"
    assert entity["Message"] == ""
    assert unwrap(again.text, "cb") == entity


async def test_an_abn_failing_the_check_digit_is_refused_with_a_message(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await abr(http, simulator, "AbnDetails.aspx", abn="51824753557", callback="cb")
    entity = unwrap(response.text, "cb")
    assert entity["Abn"] == ""
    assert entity["Message"] == "Search text is not a valid ABN or ACN"


async def test_acn_details_serve_the_recording_and_derive_abns_for_others(
    simulator: str, http: httpx.AsyncClient
) -> None:
    recorded = await abr(http, simulator, "AcnDetails.aspx", acn="172177893", callback="cb")
    assert unwrap(recorded.text, "cb") == recorded_json("abr/AcnDetails_172177893.jsonp")
    simulated = await abr(http, simulator, "AcnDetails.aspx", acn="004028077", callback="cb")
    entity = unwrap(simulated.text, "cb")
    assert (entity["Abn"], entity["Acn"]) == ("49004028077", "004028077")
    assert entity["EntityTypeCode"] in ("PRV", "PUB")


async def test_matching_names_finds_the_recorded_entity(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await abr(
        http, simulator, "MatchingNames.aspx", name="digital transformation", callback="cb"
    )
    expected = recorded_json("abr/MatchingNames_digital_transformation.jsonp")
    assert unwrap(response.text, "cb") == expected


async def test_matching_names_with_a_wrong_guid_has_no_names(
    simulator: str, http: httpx.AsyncClient
) -> None:
    response = await http.get(
        f"{simulator}/abr/MatchingNames.aspx", params={"name": "agency", "guid": "x"}
    )
    answer = unwrap(response.text, "callback")
    assert answer["Names"] == []
    assert "not recognised" in answer["Message"]


@pytest.mark.parametrize("abn", ["74172177893", "41687119230", "51824753556", "49004028077"])
def test_real_abns_pass_the_check_digit(abn: str) -> None:
    assert abn_is_valid(abn)


@pytest.mark.parametrize("abn", ["51824753557", "1234567890", "00000000000", "5182475355A"])
def test_malformed_abns_fail_the_check_digit(abn: str) -> None:
    assert not abn_is_valid(abn)


def test_an_acn_gives_the_abn_of_its_company() -> None:
    assert acn_is_valid("004028077")
    assert not acn_is_valid("004028078")
    assert abn_for_acn("004028077") == "49004028077"
