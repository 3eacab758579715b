"""The ASGI entry point: `uvicorn --factory app:create_app` (what `ipoval serve` runs).

The application itself is built in `edge/app.py`.
"""

from __future__ import annotations

from edge.app import create_app, refuse_unsafe_production_settings

__all__ = ["create_app", "refuse_unsafe_production_settings"]
