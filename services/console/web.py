"""What every page handler shares: the templates, the signed-in session, checked forms, calls."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from services.console import labels
from services.console.service_calls import ServiceCalls
from services.console.sessions import COOKIE, Session, SessionStore
from services.console.settings import ConsoleSettings

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals["labels"] = labels
templates.env.filters["zh"] = labels.zh
templates.env.filters["cst"] = labels.cst


class SignInRequired(Exception):
    """No signed-in session: the page sends the browser to the sign-in page."""


class FormRefused(Exception):
    """A posted form without this session's form token (CSRF), or without a session."""


def settings_of(request: Request) -> ConsoleSettings:
    settings: ConsoleSettings = request.app.state.settings
    return settings


def store_of(request: Request) -> SessionStore:
    store: SessionStore = request.app.state.sessions
    return store


def any_session(request: Request) -> Session:
    """The browser's session, signed in or not (the sign-in form needs a form token too)."""
    session = store_of(request).get(request.cookies.get(COOKIE))
    if session is None:
        session = store_of(request).new()
        request.state.new_session = session
    return session


def signed_in(request: Request) -> Session:
    session = store_of(request).get(request.cookies.get(COOKIE))
    if session is None or not session.signed_in:
        raise SignInRequired()
    return session


SessionDep = Annotated[Session, Depends(signed_in)]


async def checked_form(request: Request) -> dict[str, Any]:
    """Every POST carries the session's form token; one without it changes nothing."""
    session = store_of(request).get(request.cookies.get(COOKIE))
    form = await request.form()
    sent = form.get("csrf_token")
    if session is None or not session.csrf_matches(sent if isinstance(sent, str) else None):
        raise FormRefused()
    values: dict[str, Any] = {}
    for key in form:
        items = [v for v in form.getlist(key) if isinstance(v, str)]
        values[key] = items if len(items) > 1 or key.endswith("[]") else (items[0] if items else "")
    return values


FormDep = Annotated[dict[str, Any], Depends(checked_form)]


def calls(request: Request, session: Session, purpose: str | None = None) -> ServiceCalls:
    settings = settings_of(request)
    assert session.token is not None
    return ServiceCalls(settings.service_urls(), session.token,
                        purpose if purpose is not None else session.purpose,
                        settings.console_request_timeout_seconds)


def set_session_cookie(request: Request, response: Response, session: Session) -> None:
    settings = settings_of(request)
    response.set_cookie(COOKIE, session.session_id, httponly=True, secure=settings.console_cookie_secure,
                        samesite="lax", max_age=int(settings.console_session_hours * 3600), path="/")


def page(request: Request, template: str, session: Session | None, status_code: int = 200,
         **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, {
        "session": session, "me": session.principal if session else None,
        "csrf": session.csrf_token if session else "", **context}, status_code=status_code)
    fresh = getattr(request.state, "new_session", None)
    if fresh is not None:
        set_session_cookie(request, response, fresh)
    return response


def go(url: str) -> RedirectResponse:
    """After a form: see the record as the service now holds it (POST, redirect, GET)."""
    return RedirectResponse(url, status_code=303)
