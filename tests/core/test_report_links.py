"""Signed report links: only a token signed here, unchanged and unexpired, names its report."""

from __future__ import annotations

import time
import uuid
from types import SimpleNamespace
from typing import cast

import pytest
from pydantic import ValidationError

from core.report_links import LinkExpired, LinkRefused, ReportLink, sign, verify
from core.settings import Settings
from jobs.reports import signed_link
from models.report import Report
from runtime.services import Services

KEYS = "k2:" + "b" * 40 + ",k1:" + "a" * 40
SETTINGS = Settings(jwt_keys=KEYS)
LINK = ReportLink(uuid.uuid4(), uuid.uuid4(), int(time.time()) + 600)


def test_a_signed_link_verifies_to_its_report_organisation_and_expiry() -> None:
    assert verify(SETTINGS, sign(SETTINGS, LINK)) == LINK


def test_every_changed_character_is_refused() -> None:
    token = sign(SETTINGS, LINK)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
    for index, char in enumerate(token):
        other = alphabet[(alphabet.index(char) + 1) % len(alphabet)]
        with pytest.raises(LinkRefused):
            verify(SETTINGS, token[:index] + other + token[index + 1 :])


def test_a_link_signed_with_another_secret_is_refused() -> None:
    elsewhere = Settings(jwt_keys="k2:" + "c" * 40)
    with pytest.raises(LinkRefused):
        verify(SETTINGS, sign(elsewhere, LINK))


def test_a_link_signed_before_a_key_rotation_still_verifies() -> None:
    before = Settings(jwt_keys="k1:" + "a" * 40)
    assert verify(SETTINGS, sign(before, LINK)) == LINK  # k1 is still listed, to verify


def test_an_expired_link_is_told_apart() -> None:
    expired = ReportLink(LINK.report_id, LINK.organisation_id, int(time.time()) - 1)
    with pytest.raises(LinkExpired):
        verify(SETTINGS, sign(SETTINGS, expired))
    assert verify(SETTINGS, sign(SETTINGS, LINK), now=LINK.expires_at - 1) == LINK
    with pytest.raises(LinkExpired):
        verify(SETTINGS, sign(SETTINGS, LINK), now=LINK.expires_at)


@pytest.mark.parametrize(
    "token", ["", "r1", "r1.k2.x.y", "r2.k2.AAAA.BBBB", "a" * 500, "r1.k2..", "r1.k9.AAAA.BBBB"]
)
def test_malformed_tokens_are_refused(token: str) -> None:
    with pytest.raises(LinkRefused):
        verify(SETTINGS, token)


def _link_path(settings: Settings) -> str:
    report = Report(
        id=LINK.report_id,
        organisation_id=LINK.organisation_id,
        valuation_id=uuid.uuid4(),
        format="pdf",
        digest="0" * 64,
        status="COMPLETED",
        stage="DONE",
    )
    url, _ = signed_link(cast(Services, SimpleNamespace(settings=settings)), report)
    return url


def test_a_link_is_a_path_on_the_server_without_a_public_url() -> None:
    url = _link_path(SETTINGS)
    assert url.startswith("/reports/")
    assert verify(SETTINGS, url.removeprefix("/reports/")).report_id == LINK.report_id


def test_a_link_is_a_whole_url_on_the_public_url_when_one_is_set() -> None:
    settings = Settings(jwt_keys=KEYS, public_url="https://valuations.example.com.au/api/")
    url = _link_path(settings)
    assert url.startswith("https://valuations.example.com.au/api/reports/")
    token = url.removeprefix("https://valuations.example.com.au/api/reports/")
    assert verify(settings, token).report_id == LINK.report_id


@pytest.mark.parametrize("value", ["valuations.example.com.au", "ftp://x.example", "https://a b"])
def test_a_public_url_that_is_not_an_http_address_is_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        Settings(jwt_keys=KEYS, public_url=value)
