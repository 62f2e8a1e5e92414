"""Schemathesis against every service's OpenAPI document: generated requests (a bounded number per
operation) never get a 5xx and every response matches its documented schema.

Each request is signed as the natural principal of its route (tests/access.py) in the unit the
generated body names as managing unit, so that generated requests get past the gate into the
service rather than stopping at 403; refusals themselves are the access matrix tests' business.

Schema-valid bodies may still be refused with 422 where a rule spans fields (a feed row's cadre
must be its subject; a vote count must fit the attendance): OpenAPI cannot say so, so the check
that every schema-valid request is accepted is left out. Every other check runs.
"""

from __future__ import annotations

import tempfile
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import APIRouter, FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from shared.embedded.nats_server import EmbeddedNats
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.service_host import ServiceRuntime, create_api
from shared.settings import ServiceSettings
from tests.access import NATURAL_ROLE, headers_for

UNIT = "org:fuzz"
EXAMPLES = 12


def _identification() -> tuple[Callable[..., ServiceRuntime], Sequence[APIRouter]]:
    from services.identification.api import router
    from services.identification.bootstrap import bootstrap

    return bootstrap, [router]


def _adjustment() -> tuple[Callable[..., ServiceRuntime], Sequence[APIRouter]]:
    from services.adjustment.bootstrap import bootstrap
    from services.adjustment.routers import ROUTERS

    return bootstrap, ROUTERS


def _followup() -> tuple[Callable[..., ServiceRuntime], Sequence[APIRouter]]:
    from services.followup.api import router
    from services.followup.bootstrap import bootstrap

    return bootstrap, [router]


def _audit() -> tuple[Callable[..., ServiceRuntime], Sequence[APIRouter]]:
    from services.audit.api import router
    from services.audit.bootstrap import bootstrap

    return bootstrap, [router]


SERVICES = {"identification": _identification, "adjustment": _adjustment, "followup": _followup,
            "audit": _audit}


def _api(name: str, postgres: EmbeddedPostgres, nats: EmbeddedNats) -> FastAPI:
    database = f"fuzz_{name}_{uuid.uuid4().hex[:8]}"
    postgres.create_database(database)
    service_settings = ServiceSettings(
        cadre_env="test", nats_url=nats.url, postgres_host="127.0.0.1", postgres_port=postgres.port,
        postgres_dbname=database, postgres_user=postgres.user, cadre_clock="adjustable",
    )
    bootstrap, routers = SERVICES[name]()
    return create_api(bootstrap(service_settings), routers, title=name)


def _same_unit(value: Any) -> Any:
    """Point every managing unit named in a generated body at the requester's unit."""
    if isinstance(value, dict):
        return {k: UNIT if k in ("managing_unit", "co_managing_unit") and isinstance(v, str)
                else _same_unit(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_same_unit(v) for v in value]
    return value


def _signed(case: Any) -> dict[str, str]:
    action = case.operation.definition.raw.get("x-cadre-access", "")
    role = NATURAL_ROLE.get(action, "case_officer")
    if action in ("report_signal", "submit_feed") and isinstance(case.body, dict):
        case.body = _same_unit(case.body)
    return headers_for(role, UNIT)


@pytest.fixture(scope="module", params=sorted(SERVICES))
def api(request: pytest.FixtureRequest, postgres_server: EmbeddedPostgres) -> Iterator[FastAPI]:
    # The service runs whole (relay and consumers too: the ASGI client enters its lifespan).
    nats = EmbeddedNats(Path(tempfile.mkdtemp(prefix="cadre-fuzz-nats-")) / "nats").start()
    try:
        yield _api(request.param, postgres_server, nats)
    finally:
        nats.stop()


def test_no_server_errors_and_responses_match_the_schema(api: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", api)
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the service documents no operation"
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def exercise(case: Any) -> None:
            response = case.call_and_validate(headers=_signed(case),
                                              excluded_checks=[positive_data_acceptance])
            statuses[response.status_code] += 1

        try:
            exercise()
        except Exception as failure:  # every operation is fuzzed; all failures are reported together
            failures.append(f"{operation.method.upper()} {operation.path}: {failure}")
    assert not failures, "\n\n".join(failures)
    # The fuzzing reached the services' own code, not only the gate and the validation layer.
    assert sum(n for status, n in statuses.items() if status < 300) > 0, statuses
    print(f"{api.title}: {sum(statuses.values())} requests, statuses {dict(sorted(statuses.items()))}")
