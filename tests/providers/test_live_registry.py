"""Which adapter serves each capability, from the settings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from core.settings import Settings
from providers.cache.provider import CachedProvider
from providers.registry import build_registry
from providers.sample import SampleProvider


def settings(tmp_path: Path, **upstreams: str) -> Settings:
    return Settings.model_validate(
        {"database_url": None, "redis_url": None, "data_dir": tmp_path, **upstreams}
    )


async def test_sample_mode_serves_everything_from_the_sample(tmp_path: Path) -> None:
    registry = build_registry(settings(tmp_path))
    assert isinstance(registry.market, SampleProvider)
    assert registry.live.clients == {}


async def test_live_without_credentials_falls_back_to_the_sample_with_one_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        registry = build_registry(settings(tmp_path, capiq_mode="live", abr_mode="live"))
    assert isinstance(registry.market, SampleProvider)
    assert isinstance(registry.registry, SampleProvider)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len([w for w in warnings if "IPOVAL_CAPIQ_MODE=live without" in w]) == 1
    assert len([w for w in warnings if "IPOVAL_ABR_MODE=live without" in w]) == 1


async def test_capital_iq_serves_market_data_before_the_asx(tmp_path: Path) -> None:
    registry = build_registry(
        settings(
            tmp_path,
            asx_mode="live",
            capiq_mode="live",
            capiq_username="user",
            capiq_password="secret",
        )
    )
    try:
        assert isinstance(registry.market, CachedProvider) and registry.market.namespace == "CAPIQ"
        assert isinstance(registry.filings, CachedProvider) and registry.filings.namespace == "ASX"
        assert isinstance(registry.economic, SampleProvider)
        assert set(registry.live.clients) == {"ASX", "CAPIQ"}
    finally:
        await registry.aclose()


async def test_the_asx_alone_serves_market_data(tmp_path: Path) -> None:
    registry = build_registry(settings(tmp_path, asx_mode="live"))
    try:
        assert isinstance(registry.market, CachedProvider) and registry.market.namespace == "ASX"
        assert isinstance(registry.financials, SampleProvider)
    finally:
        await registry.aclose()
