"""The console's web application: routes, static files, and how refusals are shown."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from services.console import (
    case_pages,
    desk_pages,
    plan_pages,
    record_pages,
    self_pages,
    signin,
    supervision_pages,
)
from services.console.service_calls import ServiceRefused
from services.console.sessions import COOKIE, SessionStore
from services.console.settings import ConsoleSettings
from services.console.web import FormRefused, SignInRequired, go, page, store_of


def create_app(settings: ConsoleSettings) -> FastAPI:
    app = FastAPI(title="cadre console", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.sessions = SessionStore(settings.console_session_hours * 3600)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    for module in (signin, desk_pages, record_pages, case_pages, plan_pages, self_pages, supervision_pages):
        app.include_router(module.router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    @app.get("/readyz", include_in_schema=False)
    def readyz() -> JSONResponse:
        return JSONResponse({"ready": True})

    @app.exception_handler(SignInRequired)
    def to_signin(request: Request, _: Exception) -> Response:
        return go("/signin")

    @app.exception_handler(FormRefused)
    def form_refused(request: Request, _: Exception) -> Response:
        return page(request, "refused.html", _session(request), status_code=403, title="表单已失效",
                    detail="表单缺少本次登录的校验码（CSRF），未作任何修改。请刷新页面后重新提交。")

    @app.exception_handler(ServiceRefused)
    def service_refused(request: Request, error: Exception) -> Response:
        assert isinstance(error, ServiceRefused)
        refusal = error.refusal
        if refusal.status == 401:
            return go("/signin")
        return page(request, "refused.html", _session(request), status_code=refusal.status,
                    title=refusal.title, refusal=refusal, back=request.headers.get("referer"))

    @app.middleware("http")
    async def no_caching(request: Request, call_next):  # type: ignore[no-untyped-def]
        # Pages hold personnel records: never kept by the browser or a proxy.
        response = await call_next(request)
        if not request.url.path.startswith("/static"):
            response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    return app


def _session(request: Request):  # type: ignore[no-untyped-def]
    session = store_of(request).get(request.cookies.get(COOKIE))
    return session if session is not None and session.signed_in else None
