"""Runs one service process: HTTP API, outbox relay, inbound consumers and periodic jobs.

Every service has the same host, so health, readiness, tracing, error mapping and shutdown
behave the same everywhere; a service only supplies its runtime (bootstrap) and its routers.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from nats.aio.client import Client
from nats.errors import ConnectionClosedError, NoRespondersError
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from opentelemetry import trace
from pydantic import BaseModel, Field

from shared.access.http import ACCESS_KEY, EXCEPTION_HANDLERS, AccessControl, access, authorise
from shared.access.policy import Action
from shared.access.translation import with_access_records
from shared.clock import AdjustableClock, Clock
from shared.conflict_retry import ASGIApp, Receive, RetryOnConflict, Scope, Send
from shared.eventstore.application import ServiceApplication
from shared.eventstore.availability import UNAVAILABLE_ERRORS, DatabaseGate, postgres_probe
from shared.fail_fast import FailFast, database_unavailable_detail
from shared.messaging.connection import connect
from shared.messaging.consumer import ConsumerSpec, InboundConsumer
from shared.messaging.relay import OutboxRelay, Translator
from shared.messaging.streams import ensure_streams, streams_exist
from shared.request_limits import RequestLimits
from shared.settings import ServiceSettings
from shared.tracing import continued_span, setup_tracing

log = logging.getLogger(__name__)
STALLED_AFTER_SECONDS = 60.0


@dataclass
class PeriodicJob:
    """Blocking work run in a thread at an interval (deadline scans)."""

    name: str
    interval: float
    run: Callable[[], Any]


@dataclass
class ServiceRuntime:
    name: str
    settings: ServiceSettings
    app: ServiceApplication
    clock: Clock
    translate: Translator | None = None
    consumers: list[ConsumerSpec] = field(default_factory=list)
    jobs: list[PeriodicJob] = field(default_factory=list)
    # Other long-running readers of NATS (identification's reader of its own dead letters).
    workers: list[Callable[[JetStreamContext, asyncio.Event], Awaitable[None]]] = field(
        default_factory=list)
    errors: dict[type[Exception], int] = field(default_factory=dict)
    nc: Client | None = None
    relay: OutboxRelay | None = None
    inbound: list[InboundConsumer] = field(default_factory=list)
    access: AccessControl | None = None
    # The audit service keeps every service's access records itself: it publishes none.
    publishes_access_records: bool = True
    database: DatabaseGate | None = None


async def _periodic(job: PeriodicJob, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await asyncio.to_thread(job.run)
        except Exception:
            log.exception("job %s failed", job.name)
        try:
            await asyncio.wait_for(stop.wait(), timeout=job.interval)
        except TimeoutError:
            pass


async def _until_nats_answers(name: str, attempt: Callable[[], Awaitable[None]],
                              seconds: float = 120.0) -> None:
    """A service started while NATS restarts waits for it rather than exiting half-started."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            await attempt()
            return
        except (NatsTimeoutError, NoRespondersError, ConnectionClosedError) as error:
            if time.monotonic() > deadline:
                raise
            log.warning("%s: NATS not answering (%r); trying again", name, error)
            await asyncio.sleep(1)


@asynccontextmanager
async def _running(runtime: ServiceRuntime) -> AsyncIterator[None]:
    settings = runtime.settings
    setup_tracing(f"cadre-{runtime.name}", settings.cadre_trace_exporter)
    runtime.nc = await connect(settings, f"cadre-{runtime.name}")
    js = runtime.nc.jetstream()
    await _until_nats_answers(runtime.name, lambda: (
        ensure_streams(js, settings.cadre_stream_replicas, settings.cadre_dedup_window_seconds,
            settings.cadre_stream_retention_days)
        if settings.cadre_provision_streams else streams_exist(js, runtime.name)))
    stop = asyncio.Event()
    tasks = []
    if runtime.translate is not None:
        translate = (with_access_records(runtime.translate, runtime.name)
                     if runtime.publishes_access_records else runtime.translate)
        runtime.relay = OutboxRelay(runtime.app, js, translate, name=runtime.name,
                                    interval=settings.cadre_relay_interval_seconds,
                                    max_payload=runtime.nc.max_payload)
        tasks.append(asyncio.create_task(runtime.relay.run(stop)))
    for spec in runtime.consumers:
        consumer = InboundConsumer(runtime.app, js, spec, service=runtime.name,
                                   provision=settings.cadre_provision_streams)
        runtime.inbound.append(consumer)
        tasks.append(asyncio.create_task(consumer.run(stop)))
    tasks += [asyncio.create_task(_periodic(job, stop)) for job in runtime.jobs]
    tasks += [asyncio.create_task(worker(js, stop)) for worker in runtime.workers]
    if runtime.database is not None:
        tasks.append(asyncio.create_task(runtime.database.watch(stop)))
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        # Every publish was already acked and every message acked or left for redelivery, so
        # closing (rather than draining) loses nothing and does not wait on idle pull requests.
        await runtime.nc.close()
        runtime.app.close()


class TraceRequests:
    """A server span per request, continuing the caller's trace. Plain ASGI: Starlette's
    BaseHTTPMiddleware would add a task and a stream copy to every request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1")
                   for name, value in scope["headers"] if name == b"traceparent"}
        with continued_span(f"{scope['method']} {scope['path']}", headers,
                            kind=trace.SpanKind.SERVER):
            await self.app(scope, receive, send)


class ErrorBody(BaseModel):
    """Every refusal: the HTTP status, a stable code, and the reason in words."""

    status: int
    code: str
    detail: str
    rule: str | None = Field(default=None, description="the rule that refused: 403 the access policy "
                             "rule; otherwise the citation, e.g. `IM 18`, `CSR 30`, `WY-FT 8(2)`")
    policy_version: str | None = Field(default=None, description="403: the access policy's version")
    message_zh: str | None = Field(default=None, description="the reason in Chinese")
    message_en: str | None = Field(default=None, description="the reason in English")
    field: str | None = Field(default=None, description="the request field at fault, when one is")


# Documented on every guarded route, so clients (and the schema fuzzing) know each refusal's shape.
# The schema is inline and always JSON: an HTML route (a printable report) still refuses in JSON.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": text, "content": {"application/json": {"schema": ErrorBody.model_json_schema()}}}
    for status, text in (
        (400, "the request cannot be taken as it is (e.g. a supervisory read without a purpose)"),
        (401, "no valid bearer token"),
        (403, "the access policy refuses: the body names the rule"),
        (404, "no such record"),
        (409, "the record's state does not allow this step now"),
        (413, "the body is larger than a request may be"),
        (431, "the headers (a token, say) are larger than a request may have"),
    )
}
# 422 is either FastAPI's field-by-field validation error or a refusal naming its rule or field
# (a recorder who is not the signed-in person, a number or text no record may hold).
ERROR_RESPONSES[422] = {
    "description": "the body fails validation: the detail names the field or the rule",
    "content": {"application/json": {"schema": {"anyOf": [
        ErrorBody.model_json_schema(),
        {"type": "object", "required": ["detail"],
         "properties": {"detail": {"type": "array", "items": {"type": "object"}}}},
    ]}}},
}


class ClockAdvance(BaseModel):
    days: int = Field(ge=0, le=3650)


def _health_router(runtime: ServiceRuntime) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz")
    def get_health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok", "service": runtime.name}

    @router.get("/readyz")
    async def get_readiness() -> JSONResponse:
        """Readiness: NATS connected, PostgreSQL answering, relay and consumers not stalled."""
        checks: dict[str, str] = {}
        checks["nats"] = "ok" if runtime.nc is not None and runtime.nc.is_connected else "down"
        gate = runtime.database
        if gate is not None and not gate.is_open:
            checks["database"] = f"down: {gate.reason}"
        else:
            try:
                await asyncio.wait_for(
                    asyncio.to_thread(runtime.app.process_recorder.max_tracking_id, "readyz"), 2
                )
                checks["database"] = "ok"
            except Exception as error:  # any failure means not ready
                checks["database"] = f"down: {error.__class__.__name__}"
        now = time.monotonic()
        loops: list[Any] = [*runtime.inbound, *([runtime.relay] if runtime.relay else [])]
        stalled = [loop for loop in loops if now - loop.last_progress > STALLED_AFTER_SECONDS]
        checks["pipeline"] = "ok" if not stalled else f"stalled: {len(stalled)}"
        ready = all(value == "ok" for value in checks.values())
        return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)

    return router


def _clock_router(clock: AdjustableClock) -> APIRouter:
    router = APIRouter(tags=["clock"])

    @router.get("/clock", openapi_extra=access(Action.READ_REFERENCE))
    def get_clock() -> dict[str, str]:
        """The service's current (adjustable) time."""
        return {"now": clock.now().isoformat(), "today": clock.today().isoformat()}

    @router.post("/clock/advance", openapi_extra=access(Action.CONFIGURE))
    def advance_clock(body: ClockAdvance) -> dict[str, str]:
        """Move the adjustable clock forward (demos and tests only)."""
        clock.advance(timedelta(days=body.days))
        return {"now": clock.now().isoformat(), "today": clock.today().isoformat()}

    return router


def _declared(router: APIRouter) -> APIRouter:
    """Refuse a route that does not say which action family it belongs to."""
    for route in router.routes:
        nested = getattr(route, "original_router", None)  # a router included in this one
        if isinstance(nested, APIRouter):
            _declared(nested)
            continue
        extra = getattr(route, "openapi_extra", None) or {}
        if ACCESS_KEY not in extra:
            raise RuntimeError(f"route {getattr(route, 'path', route)} declares no access action")
    return router


def _database_gate(runtime: ServiceRuntime) -> DatabaseGate | None:
    settings = runtime.settings
    if settings.persistence_module != "eventsourcing.postgres":
        return None

    def recovered() -> None:
        # Connections broken by the outage are replaced now rather than on the pool's back-off.
        pool = getattr(getattr(runtime.app.recorder, "datastore", None), "pool", None)
        if pool is not None:
            pool.check()

    return DatabaseGate(postgres_probe(settings.postgres_conninfo()), on_recovered=recovered)


def create_api(runtime: ServiceRuntime, routers: Sequence[APIRouter], *, title: str) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with _running(runtime):
            yield

    # Production serves no interactive documentation: every endpoint there but health needs a token.
    docs = runtime.settings.cadre_env != "production"
    api = FastAPI(title=title, lifespan=lifespan, version="1.0.0", docs_url="/docs" if docs else None,
                  redoc_url=None, openapi_url="/openapi.json" if docs else None)
    api.state.application = runtime.app
    api.state.runtime = runtime
    api.state.access = runtime.access

    api.add_middleware(RetryOnConflict)

    api.add_middleware(TraceRequests)

    runtime.database = _database_gate(runtime)
    gate = runtime.database
    api.add_middleware(FailFast, timeout=runtime.settings.cadre_request_timeout_seconds,
                       closed_reason=lambda: None if gate is None else gate.reason)
    api.add_middleware(RequestLimits)  # outermost: nothing inside sees a request beyond the limits

    def unavailable(_: Request, error: Exception) -> JSONResponse:
        if gate is not None:
            gate.close(f"{error.__class__.__name__}: {error}")
        detail = database_unavailable_detail(f"{error.__class__.__name__}")
        return JSONResponse({"status": 503, "code": "DatabaseUnavailable", "detail": detail},
                            status_code=503, headers={"Retry-After": "2"})

    for error_class in UNAVAILABLE_ERRORS:
        api.add_exception_handler(error_class, unavailable)

    for error_class, status in runtime.errors.items():

        def handler(_: Request, error: Exception, status: int = status) -> JSONResponse:
            body: dict[str, Any] = {"status": status, "code": error.__class__.__name__,
                                    "detail": str(error)}
            # A rule's refusal names the rule and says why in both languages (RuleRefusedError,
            # CalendarNotCoveredError).
            for key in ("rule", "message_zh", "message_en", "field"):
                if getattr(error, key, None) is not None:
                    body[key] = getattr(error, key)
            return JSONResponse(body, status_code=status)

        api.add_exception_handler(error_class, handler)
    for error_class, access_handler in EXCEPTION_HANDLERS.items():
        api.add_exception_handler(error_class, access_handler)
    api.include_router(_health_router(runtime))
    clock_routes = [_clock_router(runtime.clock)] if isinstance(runtime.clock, AdjustableClock) else []
    guarded = [*routers, *clock_routes]
    for router in guarded:
        # Every route but health needs a token whose role has a grant for the route's action.
        api.include_router(_declared(router), dependencies=[Depends(authorise)], responses=ERROR_RESPONSES)
    return api


def serve(api: FastAPI, settings: ServiceSettings) -> None:
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # httptools and uvloop: the lean request path. No per-request access log: every guarded read
    # and write already leaves an access record, and the log line cost more than small routes.
    uvicorn.run(api, host=settings.cadre_http_host, port=settings.cadre_http_port, log_level="info",
                http="httptools", loop="uvloop", access_log=False)
