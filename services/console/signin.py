"""Sign-in and sign-out: the organisation's OpenID Connect provider, or (outside production only)
a development sign-in that lists the demo principals and signs their tokens with the embedded key."""

from __future__ import annotations

from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.console import oidc
from services.console.sessions import COOKIE
from services.console.web import (
    FormDep,
    any_session,
    checked_form,
    go,
    page,
    set_session_cookie,
    settings_of,
    store_of,
)
from shared.access.principal import Principal
from shared.access.tokens import issue_token
from shared.runner import principals

router = APIRouter()

DEMO_CADRE = Principal(subject="cadre-bt-0001", role="cadre", unit="unit:bt-housing-bureau", name="王建国")
DEMO_PRINCIPALS: tuple[Principal, ...] = (
    principals.case_officer(),
    principals.committee_secretary(),
    Principal(subject="sun.li", role="committee_member", unit=principals.MANAGING_UNIT, name="孙力"),
    DEMO_CADRE,
    principals.supervisor(),
    Principal(subject="inspection:region-team-3", role="inspection_team",
              unit="inspection:region-team-3", name="自治区第三巡视组"),
    Principal(subject="wang.fang", role="case_officer", unit="org:hohhot-municipal", name="王芳"),
)


@lru_cache(maxsize=4)
def _signing_key(path: Path) -> str:
    return path.read_text()


def _home_of(role: str) -> str:
    return {"cadre": "/me", "supervisor": "/supervision", "inspection_team": "/supervision"}.get(role, "/")


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> Response:
    session = any_session(request)
    settings = settings_of(request)
    return page(request, "signin.html", None, csrf_override=session.csrf_token,
                demo=DEMO_PRINCIPALS if settings.dev_signin_enabled else (),
                oidc=settings.oidc_enabled)


@router.post("/signin/dev")
async def dev_signin(request: Request) -> Response:
    settings = settings_of(request)
    if not settings.dev_signin_enabled:  # before anything else is looked at
        return page(request, "refused.html", None, status_code=403, title="开发登录已停用",
                    detail="生产环境只能通过本单位统一身份认证登录。")
    form = await checked_form(request)
    chosen = next((p for p in DEMO_PRINCIPALS if p.label == form.get("principal")), None)
    if chosen is None:
        return page(request, "refused.html", None, status_code=400, title="请选择登录人员",
                    detail="所选人员不在演示名单中。")
    assert settings.console_dev_signing_key_file is not None
    token = issue_token(_signing_key(settings.console_dev_signing_key_file), chosen,
                        ttl_seconds=int(settings.console_session_hours * 3600))
    store = store_of(request)
    session = store.sign_in(store.get(request.cookies.get(COOKIE)), token, asdict(chosen))
    response = go(_home_of(chosen.role))
    set_session_cookie(request, response, session)
    return response


@router.get("/signin/oidc")
def oidc_begin(request: Request) -> Response:
    settings = settings_of(request)
    if not settings.oidc_enabled:
        return page(request, "refused.html", None, status_code=404, title="未配置统一身份认证",
                    detail="请设置 CONSOLE_OIDC_ISSUER、CONSOLE_OIDC_CLIENT_ID 和 "
                           "CONSOLE_OIDC_CLIENT_SECRET。")
    session = any_session(request)
    url = oidc.authorization_url(settings, session, str(request.url_for("oidc_callback")))
    response = RedirectResponse(url, status_code=303)
    set_session_cookie(request, response, session)
    return response


@router.get("/signin/callback", name="oidc_callback")
def oidc_callback(request: Request) -> Response:
    settings = settings_of(request)
    store = store_of(request)
    session = store.get(request.cookies.get(COOKIE))
    if session is None or not settings.oidc_enabled:
        return go("/signin")
    try:
        token, principal = oidc.finish(settings, session, str(request.url))
    except Exception as error:  # the provider's answer, whatever it was, is not a sign-in
        return page(request, "refused.html", None, status_code=401, title="登录失败", detail=str(error))
    signed = store.sign_in(session, token, principal)
    response = go(_home_of(principal["role"]))
    set_session_cookie(request, response, signed)
    return response


@router.post("/signout")
def signout(request: Request, form: FormDep) -> Response:
    store = store_of(request)
    session = store.get(request.cookies.get(COOKIE))
    if session is not None:
        store.drop(session.session_id)
    response = go("/signin")
    response.delete_cookie(COOKIE, path="/")
    return response
