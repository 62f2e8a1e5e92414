"""Every router of the adjustment service's HTTP API."""

from __future__ import annotations

from services.adjustment import api, appeals_api, quotas_api

ROUTERS = [api.router, api.comparable_router, appeals_api.router, quotas_api.router]
