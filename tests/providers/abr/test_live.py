"""The live ABN Lookup adapter: lookups with the GUID kept secret, partial answers, name search."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import httpx
import pytest
import respx

from core.errors import ProviderError, ProviderUnavailable
from providers.abr import AbrProvider
from tests.fixtures.abr_upstream import TODAY, VALID_ACNS, recorded
from tests.fixtures.upstream_double import UpstreamDouble

BASE = "https://abr.test/json"
GUID = "0a1b2c3d-4e5f-6789-abcd-ef0123456789"


def jsonp(body: str) -> httpx.Response:
    return httpx.Response(200, text=body, headers={"Content-Type": "text/javascript"})


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
        return_value=jsonp(recorded("AbnDetails_74172177893.jsonp"))
    )
    acn_route = router.get("/AcnDetails.aspx").mock(
        return_value=jsonp(recorded("AcnDetails_172177893.jsonp"))
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
        return_value=jsonp(recorded("AbnDetails_74172177893.jsonp"))
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
        return_value=jsonp(recorded("AbnDetails_error_bad_guid.jsonp"))
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
        return jsonp(recorded("AbnDetails_74172177893.jsonp"))

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
        return_value=jsonp(recorded("MatchingNames_digital_transformation.jsonp"))
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
