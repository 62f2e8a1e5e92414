"""Every router of the adjustment service's HTTP API."""

from __future__ import annotations

from services.adjustment import (
    api,
    appeal_list_api,
    appeals_api,
    case_changes_api,
    comparable_api,
    quotas_api,
)

ROUTERS = [api.router, case_changes_api.router, comparable_api.router, appeal_list_api.router,
           appeals_api.router, quotas_api.router]
