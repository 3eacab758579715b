"""The environment that points the platform's live adapters at a running simulator."""

from __future__ import annotations

from simulator.asx import LISTING_PATH
from simulator.state import Credentials


def simulator_env(base_url: str, credentials: Credentials | None = None) -> dict[str, str]:
    """IPOVAL_* variables for a simulator at `base_url` (e.g. "http://127.0.0.1:8900")."""
    credentials = credentials or Credentials()
    base = base_url.rstrip("/")
    return {
        "IPOVAL_ASX_MODE": "live",
        "IPOVAL_ASX_BASE_URL": f"{base}/asx",
        "IPOVAL_ASX_LISTING_URL": f"{base}/asx{LISTING_PATH}",
        "IPOVAL_ABR_MODE": "live",
        "IPOVAL_ABR_BASE_URL": f"{base}/abr",
        "IPOVAL_ABR_GUID": credentials.abr_guid,
        "IPOVAL_RBA_MODE": "live",
        "IPOVAL_RBA_BASE_URL": f"{base}/rba",
        "IPOVAL_CAPIQ_MODE": "live",
        "IPOVAL_CAPIQ_BASE_URL": f"{base}/capiq",
        "IPOVAL_CAPIQ_USERNAME": credentials.capiq_username,
        "IPOVAL_CAPIQ_PASSWORD": credentials.capiq_password,
    }
