"""Acting as real principals in tests: one issuer key for the session, tokens signed with it.

`ActingAuth` signs each request as the principal who would naturally make it (the case officer
for steps, the committee secretary for decisions, the administrator for configuration, a
supervisor with a stated purpose for supervision), in the unit the test's cadres belong to. A
request that already carries an Authorization header is sent as it is: access tests set theirs.

`EXPECTED` is the access matrix written out by hand from SPEC §8, independently of the policy
module's data, so that the matrix tests compare the running services against the specification.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from shared.access.dev_issuer import DevIssuer
from shared.access.http import ACCESS_KEY
from shared.access.policy import RECORDED_READERS
from shared.access.principal import Principal, Role
from shared.access.tokens import new_signing_key

ISSUER = DevIssuer(new_signing_key())
PURPOSE = "年度干部监督检查"

NATURAL_ROLE: dict[str, Role] = {
    "decide": "committee_secretary",
    "configure": "administrator",
    "verify_integrity": "administrator",
    "supervise": "supervisor",
    "acknowledge_filing": "supervisor",
}


def headers_for(
    role: Role, unit: str, subject: str | None = None, purpose: str | None = None
) -> dict[str, str]:
    principal = Principal(subject=subject or f"{role}:{unit}", role=role, unit=unit)
    return ISSUER.headers(principal, purpose or purpose_for(role))


def purpose_for(role: Role) -> str | None:
    """Supervisors and inspection teams state why they read; nobody else is asked to."""
    return PURPOSE if role in RECORDED_READERS else None


def action_of(app: FastAPI, method: str, path: str) -> str | None:
    """The action family the app's OpenAPI document declares for this request."""
    for segment in ("[^/]+", ".+"):  # one path segment per parameter first; then `:path` parameters
        for template, methods in _operations(app):
            if re.fullmatch(re.sub(r"\\\{[^}]+\\\}", segment, re.escape(template)), path) and \
                    method.lower() in methods:
                return methods[method.lower()]
    return None


def _operations(app: FastAPI) -> list[tuple[str, dict[str, str]]]:
    cached: list[tuple[str, dict[str, str]]] | None = getattr(app.state, "test_operations", None)
    if cached is None:
        # The most literal paths first, so /cases/appeals is not taken for /cases/{case_id}.
        paths = sorted(app.openapi()["paths"].items(),
                       key=lambda p: (p[0].count("{"), -len(re.sub(r"\{[^}]+\}", "", p[0]))))
        cached = [(template, {m: op.get(ACCESS_KEY) for m, op in item.items() if isinstance(op, dict)})
                  for template, item in paths]
        app.state.test_operations = cached
    return cached


class ActingAuth(httpx.Auth):
    def __init__(self, app: FastAPI, unit: str, supervisor_unit: str | None = None) -> None:
        self.app = app
        self.unit = unit
        self.supervisor_unit = supervisor_unit or unit

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if "authorization" not in request.headers:
            action = action_of(self.app, request.method, request.url.path)
            role = NATURAL_ROLE.get(action or "", "case_officer")
            unit = self.supervisor_unit if role == "supervisor" else self.unit
            request.headers.update(headers_for(role, unit))
        yield request


def acting(client: Any, unit: str, supervisor_unit: str | None = None) -> Any:
    """Make a TestClient act as the natural principal of each request, in `unit`."""
    client.auth = ActingAuth(client.app, unit, supervisor_unit)
    return client


# ---- the access matrix (SPEC §8), by hand -------------------------------------------------------

Y, N = True, False
# role → family → (allowed inside jurisdiction, allowed outside it)
EXPECTED: dict[Role, dict[str, tuple[bool, bool]]] = {
    "case_officer": {
        "report_signal": (Y, N), "submit_feed": (Y, N), "read_reference": (Y, Y), "configure": (N, N),
        "read_reports": (Y, N), "read_case": (Y, N), "act_on_case": (Y, N), "decide": (N, N),
        "lodge": (Y, N), "read_record": (Y, N), "supervise": (N, N), "verify_integrity": (N, N),
        "read_filing": (Y, N), "prepare_filing": (Y, N), "acknowledge_filing": (N, N),
        "manage_quota": (Y, N), "read_quota": (Y, N),
    },
    "committee_secretary": {
        "report_signal": (N, N), "submit_feed": (N, N), "read_reference": (Y, Y), "configure": (N, N),
        "read_reports": (Y, N), "read_case": (Y, N), "act_on_case": (N, N), "decide": (Y, N),
        "lodge": (N, N), "read_record": (Y, N), "supervise": (N, N), "verify_integrity": (N, N),
        "read_filing": (N, N), "prepare_filing": (N, N), "acknowledge_filing": (N, N),
        "manage_quota": (N, N), "read_quota": (Y, N),
    },
    "committee_member": {
        "report_signal": (N, N), "submit_feed": (N, N), "read_reference": (Y, Y), "configure": (N, N),
        "read_reports": (Y, N), "read_case": (Y, N), "act_on_case": (N, N), "decide": (N, N),
        "lodge": (N, N), "read_record": (Y, N), "supervise": (N, N), "verify_integrity": (N, N),
        "read_filing": (N, N), "prepare_filing": (N, N), "acknowledge_filing": (N, N),
        "manage_quota": (N, N), "read_quota": (Y, N),
    },
    "cadre": {
        "report_signal": (N, N), "submit_feed": (N, N), "read_reference": (Y, Y), "configure": (N, N),
        "read_reports": (N, N), "read_case": (Y, N), "act_on_case": (N, N), "decide": (N, N),
        "lodge": (Y, N), "read_record": (N, N), "supervise": (N, N), "verify_integrity": (N, N),
        "read_filing": (N, N), "prepare_filing": (N, N), "acknowledge_filing": (N, N),
        "manage_quota": (N, N), "read_quota": (N, N),
    },
    "supervisor": {
        "report_signal": (N, N), "submit_feed": (N, N), "read_reference": (Y, Y), "configure": (N, N),
        "read_reports": (Y, N), "read_case": (Y, N), "act_on_case": (N, N), "decide": (N, N),
        "lodge": (N, N), "read_record": (Y, N), "supervise": (Y, N), "verify_integrity": (Y, Y),
        "read_filing": (Y, N), "prepare_filing": (N, N), "acknowledge_filing": (Y, N),
        "manage_quota": (N, N), "read_quota": (Y, N),
    },
    "inspection_team": {
        "report_signal": (N, N), "submit_feed": (N, N), "read_reference": (Y, Y), "configure": (N, N),
        "read_reports": (Y, N), "read_case": (Y, N), "act_on_case": (N, N), "decide": (N, N),
        "lodge": (N, N), "read_record": (Y, N), "supervise": (Y, N), "verify_integrity": (Y, Y),
        "read_filing": (Y, N), "prepare_filing": (N, N), "acknowledge_filing": (N, N),
        "manage_quota": (N, N), "read_quota": (Y, N),
    },
    "producer": {
        "report_signal": (Y, N), "submit_feed": (Y, N), "read_reference": (N, N), "configure": (N, N),
        "read_reports": (N, N), "read_case": (N, N), "act_on_case": (N, N), "decide": (N, N),
        "lodge": (N, N), "read_record": (N, N), "supervise": (N, N), "verify_integrity": (N, N),
        "read_filing": (N, N), "prepare_filing": (N, N), "acknowledge_filing": (N, N),
        "manage_quota": (N, N), "read_quota": (N, N),
    },
    "administrator": {
        "report_signal": (N, N), "submit_feed": (N, N), "read_reference": (Y, Y), "configure": (Y, Y),
        "read_reports": (N, N), "read_case": (N, N), "act_on_case": (N, N), "decide": (N, N),
        "lodge": (N, N), "read_record": (N, N), "supervise": (N, N), "verify_integrity": (Y, Y),
        "read_filing": (N, N), "prepare_filing": (N, N), "acknowledge_filing": (N, N),
        "manage_quota": (N, N), "read_quota": (N, N),
    },
}

# Who is "inside" and "outside" for a record about CADRE, managed by MANAGING (demo org tree).
MANAGING, CADRE_UNIT, OTHER_UNIT = "org:baotou-municipal", "unit:bt-housing-bureau", "org:hohhot-municipal"
CADRE_ID, OTHER_CADRE = "cadre-matrix-0001", "cadre-matrix-0002"
SYSTEM, OTHER_SYSTEM = "discipline", "petitions"


def principals(role: Role) -> tuple[Principal, Principal]:
    """The (inside, outside) principal of a role for a record about CADRE_ID managed by MANAGING."""
    inside, outside = {
        "case_officer": (MANAGING, OTHER_UNIT),
        "committee_secretary": (MANAGING, OTHER_UNIT),
        "committee_member": (MANAGING, OTHER_UNIT),
        "cadre": (CADRE_UNIT, CADRE_UNIT),
        "supervisor": ("org:inner-mongolia-region", "org:lingang-zone"),
        "inspection_team": ("inspection:region-team-3", "inspection:elsewhere"),
        "producer": ("producer", "producer"),
        "administrator": ("org:central", "org:lingang-zone"),
    }[role]
    subjects = {"cadre": (CADRE_ID, OTHER_CADRE), "producer": (SYSTEM, OTHER_SYSTEM)}.get(
        role, (f"{role}-in", f"{role}-out"))
    return Principal(subjects[0], role, inside), Principal(subjects[1], role, outside)


@dataclass
class Probe:
    """One endpoint of a family: how to call it, and how to tell an allowed list from a filtered one."""

    family: str
    name: str
    call: Callable[[dict[str, str]], httpx.Response]
    shows: Callable[[httpx.Response], bool] | None = None  # list routes: is the record listed?


def outcome(probe: Probe, response: httpx.Response) -> bool | None:
    """True: allowed; False: refused (403 naming a rule, or the record filtered out of a list);
    None: neither (the probe itself is broken)."""
    if response.status_code == 403:
        return False if response.json().get("rule") else None
    if response.status_code >= 500 or response.status_code in (401,):
        return None
    if probe.shows is not None and response.status_code == 200:
        return probe.shows(response)
    return True  # 2xx, or a 4xx about the body/state: the request passed the gate


def run_matrix(probes: list[Probe], roles: tuple[Role, ...] | None = None) -> list[str]:
    """Every mismatch between the running service and EXPECTED, as readable lines."""
    mismatches: list[str] = []
    for role in roles or tuple(EXPECTED):
        for where, principal in zip(("inside", "outside"), principals(role), strict=True):
            headers = ISSUER.headers(principal, purpose_for(role))
            for probe in probes:
                want = EXPECTED[role][probe.family][0 if where == "inside" else 1]
                response = probe.call(headers)
                got = outcome(probe, response)
                if got is not want:
                    mismatches.append(f"{role} {where} {probe.family}/{probe.name}: expected "
                                      f"{'allow' if want else 'deny'}, got {response.status_code} "
                                      f"{response.text[:200]}")
    return mismatches
