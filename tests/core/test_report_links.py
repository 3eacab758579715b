"""Signed report links: only a token signed here, unchanged and unexpired, names its report."""

from __future__ import annotations

import time
import uuid

import pytest

from core.report_links import LinkExpired, LinkRefused, ReportLink, sign, verify
from core.settings import Settings

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
