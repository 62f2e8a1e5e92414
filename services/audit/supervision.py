"""Supervisor reads over HTTP: who reads (headers until authentication arrives), whether the org
tree lets them, and the record of every such read (SPEC §8)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import unquote

from fastapi import Depends, Request

from services.audit.application import AuditRecords
from services.audit.bootstrap import AuditParts
from services.audit.domain.errors import ReadNotPermittedError, ReadUnexplainedError
from shared.service_host import ServiceRuntime

READER, READER_UNIT, REASON = "X-Cadre-Reader", "X-Cadre-Reader-Unit", "X-Cadre-Reason"


@dataclass(frozen=True)
class Supervisor:
    name: str
    unit: str
    reason: str


def get_runtime(request: Request) -> ServiceRuntime:
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


def get_app(request: Request) -> AuditRecords:
    app: AuditRecords = request.app.state.application
    return app


def get_parts(request: Request) -> AuditParts:
    parts: AuditParts = request.app.state.runtime.audit
    return parts


def get_supervisor(request: Request) -> Supervisor | None:
    """A supervisor names themselves, their unit and their reason (percent-encoded UTF-8)."""
    name = request.headers.get(READER)
    if not name:
        return None  # an officer of the managing authority; authentication comes with issue 8
    unit, reason = request.headers.get(READER_UNIT), request.headers.get(REASON)
    if not unit or not reason:
        raise ReadUnexplainedError(f"a supervisor's read needs {READER_UNIT} and {REASON} headers")
    return Supervisor(unquote(name), unquote(unit), unquote(reason))


AppDep = Annotated[AuditRecords, Depends(get_app)]
PartsDep = Annotated[AuditParts, Depends(get_parts)]
RuntimeDep = Annotated[ServiceRuntime, Depends(get_runtime)]
SupervisorDep = Annotated[Supervisor | None, Depends(get_supervisor)]


def admit(supervisor: Supervisor | None, runtime: ServiceRuntime, parts: AuditParts, what: str,
          units: Iterable[str]) -> None:
    """Record the supervisor's read, and refuse it unless the record lies beneath their unit."""
    if supervisor is None:
        return
    allowed = parts.org_tree.may_read(supervisor.unit, list(units))
    app = runtime.app
    assert isinstance(app, AuditRecords)
    app.record_read(supervisor.name, supervisor.unit, supervisor.reason, what, runtime.clock.now(), allowed)
    if not allowed:
        raise ReadNotPermittedError(f"{supervisor.unit} does not oversee the units of {what}")


def visible(supervisor: Supervisor | None, parts: AuditParts, units: Iterable[str]) -> bool:
    return supervisor is None or parts.org_tree.may_read(supervisor.unit, list(units))
