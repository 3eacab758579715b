"""ABN Lookup: identifiers, the JSONP parsers and the live registry adapter."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import date
from typing import Any

import httpx
import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.abr import (
    AbrProvider,
    IdentifierKind,
    classify,
    is_valid_abn,
    is_valid_acn,
    normalise,
    parse_entity,
    parse_matching_names,
    unwrap_jsonp,
)
from providers.models import DataSource
from tests.fixtures.paths import recording_path
from tests.fixtures.upstream_double import UpstreamDouble

BASE = "https://abr.test/json"
GUID = "0a1b2c3d-4e5f-6789-abcd-ef0123456789"
TODAY = date(2026, 3, 2)


def fixture(name: str) -> str:
    return recording_path(f"abr/{name}").read_text(encoding="utf-8")


def jsonp(body: str) -> httpx.Response:
    return httpx.Response(200, text=body, headers={"Content-Type": "text/javascript"})


# --- identifiers -------------------------------------------------------------------------------

# The ATO's example ABN, and ABNs of the fixtures' entities.
VALID_ABNS = ["51 824 753 556", "51824753556", "74172177893", "41687119230", "89000000019"]
INVALID_ABNS = ["51 824 753 557", "12345678901", "5182475355", "518247535566", "5182475355a"]
# Examples ASIC publishes for its ACN check digit.
VALID_ACNS = [
    "000 000 019",
    "000 250 000",
    "000 500 005",
    "001 000 004",
    "001 749 999",
    "002 499 998",
    "004 085 616",
    "005 749 986",
    "010 749 961",
]
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


# --- JSONP parsers ------------------------------------------------------------------------------


def test_abn_details_fixture_maps_every_field() -> None:
    entity = parse_entity(
        fixture("AbnDetails_74172177893.jsonp"), endpoint="AbnDetails", as_of=TODAY
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
        fixture("AbnDetails_41687119230_csiro.jsonp"), endpoint="AbnDetails", as_of=TODAY
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
    entity = parse_entity(fixture("AcnDetails_172177893.jsonp"), endpoint="AcnDetails", as_of=TODAY)
    assert entity is not None
    assert (entity.abn, entity.acn) == ("74172177893", "172177893")
    assert entity.business_names == ()


def test_matching_names_fixture() -> None:
    [match] = parse_matching_names(fixture("MatchingNames_digital_transformation.jsonp"))
    assert match.abn == "74172177893"
    assert match.name == "DIGITAL TRANSFORMATION AGENCY"
    assert match.name_type == "Entity Name"
    assert match.score == 100
    assert (match.state, match.postcode) == ("ACT", "2600")
    assert match.is_current is True


def test_bad_guid_fixture_is_a_configuration_error() -> None:
    with pytest.raises(ProviderError, match="GUID was refused") as raised:
        parse_entity(fixture("AbnDetails_error_bad_guid.jsonp"), endpoint="AbnDetails", as_of=TODAY)
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


# --- live adapter -------------------------------------------------------------------------------


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
async def upstream() -> AsyncIterator[UpstreamDouble]:
    double = UpstreamDouble("ABR", BASE)
    yield double
    await double.aclose()


@pytest.fixture
def provider(upstream: UpstreamDouble) -> AbrProvider:
    return AbrProvider(upstream, GUID, today=lambda: TODAY)


def params(route: respx.Route, call: int = -1) -> Mapping[str, str]:
    return dict(route.calls[call].request.url.params)


async def test_entities_looks_up_abns_and_acns_with_the_guid(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    abn_route = router.get("/AbnDetails.aspx").mock(
        return_value=jsonp(fixture("AbnDetails_74172177893.jsonp"))
    )
    acn_route = router.get("/AcnDetails.aspx").mock(
        return_value=jsonp(fixture("AcnDetails_172177893.jsonp"))
    )
    found = await provider.entities(["74 172 177 893", "000000019"])
    assert set(found) == {"74 172 177 893", "000000019"}
    assert found["74 172 177 893"].entity_name == "DIGITAL TRANSFORMATION AGENCY"
    assert params(abn_route) == {"abn": "74172177893", "callback": "c", "guid": GUID}
    assert params(acn_route) == {"acn": "000000019", "callback": "c", "guid": GUID}


async def test_invalid_check_digits_are_absent_without_a_call(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    route = router.get(path__regex=r".*").mock(return_value=jsonp("c({})"))
    found = await provider.entities(["51 824 753 557", "000 000 018", "172177893", "hello", ""])
    assert found == {}
    assert route.call_count == 0


async def test_the_same_number_written_twice_is_looked_up_once(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    route = router.get("/AbnDetails.aspx").mock(
        return_value=jsonp(fixture("AbnDetails_74172177893.jsonp"))
    )
    found = await provider.entities(["74172177893", "74 172 177 893"])
    assert route.call_count == 1
    assert found["74172177893"] is found["74 172 177 893"]


async def test_identifiers_are_looked_up_concurrently(
    upstream: UpstreamDouble, router: respx.MockRouter
) -> None:
    import asyncio

    in_flight = 0
    most = 0

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return jsonp('c({"Abn":"","Message":"No records found"})')

    router.get("/AcnDetails.aspx").mock(side_effect=answer)
    provider = AbrProvider(upstream, GUID, max_concurrency=3, today=lambda: TODAY)
    assert await provider.entities(VALID_ACNS) == {}
    assert most == 3


async def test_not_found_with_http_200_is_absent(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    router.get("/AbnDetails.aspx").mock(
        return_value=jsonp(
            'callback({"Abn":"","AbnStatus":"","Message":"Search text is not a valid ABN or ACN"})'
        )
    )
    assert await provider.entities(["51824753556"]) == {}


async def test_bad_guid_raises_without_revealing_it(
    router: respx.MockRouter, provider: AbrProvider, caplog: pytest.LogCaptureFixture
) -> None:
    router.get("/AbnDetails.aspx").mock(
        return_value=jsonp(fixture("AbnDetails_error_bad_guid.jsonp"))
    )
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ProviderError, match="GUID was refused") as raised:
        await provider.entities(["51824753556", "74172177893"])
    assert GUID not in str(raised.value)
    assert GUID not in repr(raised.value.extensions)
    assert GUID not in repr(provider)
    assert GUID not in caplog.text


async def test_one_unavailable_lookup_keeps_the_others_as_partial(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.params["abn"] == "51824753556":
            return httpx.Response(503)
        return jsonp(fixture("AbnDetails_74172177893.jsonp"))

    router.get("/AbnDetails.aspx").mock(side_effect=answer)
    with pytest.raises(ProviderUnavailable, match="1 of 2") as raised:
        await provider.entities(["51824753556", "74172177893"])
    assert set(raised.value.partial) == {"74172177893"}
    assert GUID not in str(raised.value)


class LeakyUpstream:
    """An upstream whose failure mentions the request URL, query string included."""

    name = "ABR"

    async def get(self, path: str, *, params: Any = None, headers: Any = None) -> httpx.Response:
        url = httpx.URL(BASE + path, params=params)
        try:
            raise httpx.ConnectError(f"cannot reach {url}")
        except httpx.ConnectError as exc:
            raise ProviderUnavailable(
                f"ABR unavailable: {url}", upstream="ABR", url=str(url)
            ) from exc

    async def post(self, path: str, **options: Any) -> httpx.Response:
        raise NotImplementedError

    async def aclose(self) -> None:
        pass


async def test_upstream_errors_that_mention_the_guid_are_scrubbed() -> None:
    provider = AbrProvider(LeakyUpstream(), GUID, today=lambda: TODAY)
    with pytest.raises(ProviderUnavailable) as looked_up:
        await provider.entities(["51824753556"])
    with pytest.raises(ProviderUnavailable) as searched:
        await provider.search_names("digital", 5)
    for error in (looked_up.value, searched.value):
        assert GUID not in str(error)
        assert GUID not in repr(error.extensions)
        # The chained transport error would show the URL in a logged traceback.
        assert error.__cause__ is None
        assert error.__context__ is None or error.__suppress_context__
    assert "<guid>" in searched.value.details["url"]


async def test_http_error_status_is_a_provider_error(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    router.get("/AbnDetails.aspx").mock(return_value=httpx.Response(404, text="not found"))
    with pytest.raises(ProviderError, match="ABR AbnDetails: HTTP 404"):
        await provider.entities(["51824753556"])


async def test_malformed_body_is_a_provider_error(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    router.get("/AbnDetails.aspx").mock(return_value=jsonp("<html>maintenance</html>"))
    with pytest.raises(ProviderError, match="ABR AbnDetails: not JSONP"):
        await provider.entities(["51824753556"])


async def test_search_names(router: respx.MockRouter, provider: AbrProvider) -> None:
    route = router.get("/MatchingNames.aspx").mock(
        return_value=jsonp(fixture("MatchingNames_digital_transformation.jsonp"))
    )
    [match] = await provider.search_names("  digital   transformation ", 5)
    assert match.abn == "74172177893"
    assert params(route) == {
        "name": "digital transformation",
        "maxResults": "5",
        "callback": "c",
        "guid": GUID,
    }


async def test_search_names_ranks_by_score_and_keeps_the_limit(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    names = ",".join(
        f'{{"Abn":"51824753556","Name":"N{score}","Score":{score},"IsCurrent":true}}'
        for score in (90, 100, 95)
    )
    router.get("/MatchingNames.aspx").mock(
        return_value=jsonp(f'c({{"Message":"","Names":[{names}]}})')
    )
    matches = await provider.search_names("n", 2)
    assert [match.score for match in matches] == [100, 95]


async def test_search_without_matches_or_name_is_empty(
    router: respx.MockRouter, provider: AbrProvider
) -> None:
    route = router.get("/MatchingNames.aspx").mock(
        return_value=jsonp('c({"Message":"No records found","Names":null})')
    )
    assert await provider.search_names("zzzz", 5) == []
    assert route.call_count == 1
    assert await provider.search_names("   ", 5) == []
    assert await provider.search_names("digital", 0) == []
    assert route.call_count == 1


def test_a_guid_is_required(upstream: UpstreamDouble) -> None:
    with pytest.raises(ValueError):
        AbrProvider(upstream, "  ")
