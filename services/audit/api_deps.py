"""What the audit routers take from the running service: its application, parts and runtime.
Who is asking, and whether they may, comes from the shared gate (`shared.access.http.GateDep`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.audit.application import AuditRecords
from services.audit.bootstrap import AuditParts
from shared.service_host import ServiceRuntime


def get_runtime(request: Request) -> ServiceRuntime:
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


def get_app(request: Request) -> AuditRecords:
    app: AuditRecords = request.app.state.application
    return app


def get_parts(request: Request) -> AuditParts:
    parts: AuditParts = request.app.state.runtime.audit
    return parts


AppDep = Annotated[AuditRecords, Depends(get_app)]
PartsDep = Annotated[AuditParts, Depends(get_parts)]
RuntimeDep = Annotated[ServiceRuntime, Depends(get_runtime)]
