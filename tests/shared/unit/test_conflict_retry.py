"""A command that loses a version race is run again on the fresh record; GETs never are."""

from __future__ import annotations

from eventsourcing.persistence import IntegrityError
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from shared.conflict_retry import RetryOnConflict


class Step(BaseModel):
    note: str


def service(losses: int) -> tuple[TestClient, list[str]]:
    api, seen = FastAPI(), []
    api.add_middleware(RetryOnConflict)

    @api.post("/cases/{case_id}/talk")
    def talk(case_id: str, body: Step) -> dict[str, str]:
        seen.append(body.note)  # the body is read again on every try
        if len(seen) <= losses:
            raise IntegrityError("duplicate key value violates unique constraint")
        return {"case_id": case_id, "note": body.note}

    @api.get("/cases/{case_id}")
    def read(case_id: str) -> dict[str, str]:
        seen.append("read")
        raise IntegrityError("never retried")

    return TestClient(api, raise_server_exceptions=False), seen


def test_a_lost_race_is_run_again_with_the_same_body() -> None:
    client, seen = service(losses=2)
    answer = client.post("/cases/c1/talk", json={"note": "谈话"})
    assert answer.status_code == 200 and answer.json() == {"case_id": "c1", "note": "谈话"}
    assert seen == ["谈话", "谈话", "谈话"]


def test_a_race_lost_every_time_is_a_409_naming_it() -> None:
    client, seen = service(losses=99)
    answer = client.post("/cases/c1/talk", json={"note": "x"})
    assert answer.status_code == 409 and answer.json()["code"] == "ConcurrentChange"
    assert len(seen) == 3


def test_reads_are_not_retried() -> None:
    client, seen = service(losses=0)
    assert client.get("/cases/c1").status_code == 500
    assert seen == ["read"]
