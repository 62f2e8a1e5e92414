"""Authentication and authorization at the HTTP edge of every service.

Every route but health declares its action family (`openapi_extra=access(Action.X)`); the host
refuses to start a route that does not (`service_host.create_api`). Each request then passes:

1. `authorise` (added to every router by the host): a verified bearer token, and a role that has
   any grant for the route's action at all. Refusals here are 401 or 403 and recorded.
2. `Gate.check(target)` in the route, once the record is loaded: the grant's reach (managing
   unit, subtree, own case, own system) against what the record says about its authority.
   List routes keep only the items `Gate.visible` lets through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.access.acting import Acting, ActorMismatchError
from shared.access.org_tree import OrgTree
from shared.access.policy import Action, Decision, Target, decide, grant_of, is_recorded_read
from shared.access.principal import Principal
from shared.access.record import AccessRecord
from shared.access.tokens import TokenRejected, TokenVerifier
from shared.clock import Clock

ACCESS_KEY = "x-cadre-access"
REASON_HEADER = "X-Cadre-Reason"
bearer = HTTPBearer(auto_error=False, description="A JWT from the configured issuer (`cadre token`)")


def access(action: Action) -> dict[str, Any]:
    """The route's action family, kept in its OpenAPI operation."""
    return {ACCESS_KEY: action.value}


class NotAuthenticated(Exception):
    pass


class AccessDenied(Exception):
    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.reason)
        self.decision = decision


class PurposeRequired(Exception):
    """A supervisory read of personnel records must state its purpose."""


@dataclass
class AccessControl:
    service: str
    verifier: TokenVerifier | None  # None: no issuer key configured, so nobody gets in
    tree: OrgTree
    save: Callable[[AccessRecord], None]
    clock: Clock

    def record(self, principal: Principal, action: Action, what: str, target: Target,
               decision: Decision, purpose: str | None) -> None:
        self.save(AccessRecord(
            service=self.service, principal=principal.subject, role=principal.role, unit=principal.unit,
            action=action.value, what=what, allowed=decision.allowed, rule=decision.rule,
            reason=decision.reason, policy_version=decision.policy_version, at=self.clock.now(),
            stated_purpose=purpose, cadre_id=target.cadre_id, units=sorted(target.units),
        ))


def _control(request: Request) -> AccessControl:
    control: AccessControl = request.app.state.access
    return control


def action_of(request: Request) -> Action:
    route = request.scope.get("route")
    declared = (getattr(route, "openapi_extra", None) or {}).get(ACCESS_KEY)
    if declared is None:  # create_api refuses such routes; this guards routes added later
        raise AccessDenied(Decision(False, "route.undeclared", "the route declares no action family"))
    return Action(declared)


def authenticate(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    control = _control(request)
    if control.verifier is None:
        raise NotAuthenticated("no token issuer key is configured (CADRE_JWT_PUBLIC_KEY)")
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticated("a bearer token is required (Authorization: Bearer <JWT>)")
    try:
        principal = control.verifier.verify(credentials.credentials)
    except TokenRejected as error:
        raise NotAuthenticated(f"token rejected: {error}") from error
    request.state.principal = principal
    return principal


class Gate:
    """The route's access decisions for one request."""

    def __init__(self, request: Request, principal: Principal) -> None:
        self.control = _control(request)
        self.principal = principal
        self.action = action_of(request)
        self.what = f"{request.method} {request.url.path}"
        raw_purpose = request.headers.get(REASON_HEADER)
        self.purpose = unquote(raw_purpose) if raw_purpose else None

    @property
    def acting(self) -> Acting:
        """The authenticated principal, for the application command this request makes."""
        return Acting(self.principal)

    def decide(self, target: Target) -> Decision:
        return decide(self.principal, self.action, target, self.control.tree)

    def check(self, target: Target) -> None:
        """Allow the request on this record, or refuse it (403 naming the rule) and record that."""
        decision = self.decide(target)
        recorded = not decision.allowed or is_recorded_read(self.principal, self.action)
        if decision.allowed and recorded:
            self._require_purpose()
        if recorded:
            self.control.record(self.principal, self.action, self.what, target, decision, self.purpose)
        if not decision.allowed:
            raise AccessDenied(decision)

    def _require_purpose(self) -> None:
        if not self.purpose:
            raise PurposeRequired(f"a {self.principal.role}'s read must state its purpose "
                                  f"in the {REASON_HEADER} header")

    def visible(self, target: Target) -> bool:
        """For list routes: whether an item may be shown (lists are filtered, never refused)."""
        return self.decide(target).allowed

    def listed(self, shown: list[Target]) -> None:
        """Record a supervisory list read once, naming every cadre it showed."""
        if not is_recorded_read(self.principal, self.action):
            return
        self._require_purpose()
        units = frozenset(u for t in shown for u in t.units)
        cadres = sorted({t.cadre_id for t in shown if t.cadre_id})
        decision = Decision(True, "jurisdiction.subtree", f"listed {len(shown)} record(s)"
                            + (f" of cadres {', '.join(cadres[:20])}" if cadres else ""))
        self.control.record(self.principal, self.action, self.what, Target(managing_units=units),
                            decision, self.purpose)


def authorise(request: Request, principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
    """A role with no grant for the route's action is refused before the route runs."""
    action = action_of(request)
    if grant_of(principal.role, action) is None:
        Gate(request, principal).check(Target.unknown())
    return principal


def gate(request: Request, principal: Annotated[Principal, Depends(authorise)]) -> Gate:
    return Gate(request, principal)


GateDep = Annotated[Gate, Depends(gate)]


def acting(principal: Annotated[Principal, Depends(authenticate)]) -> Acting:
    """The authenticated principal of this request (verified once per request, then cached)."""
    return Acting(principal)


ActingDep = Annotated[Acting, Depends(acting)]


def _error(status: int, code: str, detail: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"status": status, "code": code, "detail": detail, **extra}, status_code=status,
                        headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


def not_authenticated(_: Request, error: Exception) -> JSONResponse:
    return _error(401, "NotAuthenticated", str(error))


def access_denied(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AccessDenied)
    d = error.decision
    return _error(403, "AccessDenied", d.reason, rule=d.rule, policy_version=d.policy_version)


def purpose_required(_: Request, error: Exception) -> JSONResponse:
    return _error(400, "PurposeRequired", str(error))


def actor_mismatch(_: Request, error: Exception) -> JSONResponse:
    return _error(422, "ActorMismatch", str(error), field=getattr(error, "field", None))


EXCEPTION_HANDLERS: dict[type[Exception], Callable[[Request, Exception], JSONResponse]] = {
    NotAuthenticated: not_authenticated,
    AccessDenied: access_denied,
    PurposeRequired: purpose_required,
    ActorMismatchError: actor_mismatch,
}
