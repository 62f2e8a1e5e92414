"""IM 15: every out-of-order, skipped or repeated step is refused over HTTP and changes nothing."""

from __future__ import annotations

import pytest

from services.adjustment.domain.procedure import STEPS
from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import advance, post_step

HTTP_STEPS = STEPS[1:]  # step 1 is the determination that opens the case

# Every (steps already done, step attempted) pair except the one right next step.
PAIRS = [
    (done, attempted)
    for done in range(1, len(STEPS) + 1)
    for attempted in HTTP_STEPS
    if STEPS.index(attempted) != done
]


@pytest.mark.parametrize(("done", "attempted"), PAIRS,
                         ids=[f"after-{STEPS[d - 1]}-try-{a}" for d, a in PAIRS])
def test_a_step_out_of_order_is_refused_naming_the_missing_step(
    service: Service, done: int, attempted: str
) -> None:
    case_id = service.open_case()
    advance(service.client, case_id, list(STEPS[1:done]))
    before = service.client.get(f"/cases/{case_id}").json()

    response = post_step(service.client, case_id, attempted)

    assert response.status_code == 409
    problem = response.json()
    assert problem["code"] == "StepOutOfOrderError"
    if STEPS.index(attempted) < done:
        assert f"step {attempted!r}" in problem["detail"] and "already recorded" in problem["detail"]
    else:
        assert f"needs {STEPS[done]!r} first" in problem["detail"]
    assert service.client.get(f"/cases/{case_id}").json() == before


def test_the_steps_in_order_are_accepted_and_the_case_shows_the_packs_step_names(
    service: Service,
) -> None:
    case_id = service.open_case(pack_id="WY-2019", articles=("art. 12(1)",), role="unit_staff")
    view = service.client.get(f"/cases/{case_id}").json()
    assert [(s["key"], s["name"], s["done"]) for s in view["steps"]] == [
        ("verify_determine", "摸底报告、考察核实", True), ("propose", "报批确认", False),
        ("decide", "组织决定", False), ("talk", "谈心谈话", False), ("formalities", "启动任免程序", False),
    ]
    skipped = post_step(service.client, case_id, "talk", talker_position="unit_org_dept_head")
    assert skipped.status_code == 409
    assert "needs 'propose' first (报批确认" in skipped.json()["detail"]

    advance(service.client, case_id, ["propose", "decide"])
    assert post_step(service.client, case_id, "talk",
                     talker_position="unit_org_dept_head").status_code == 200
    assert post_step(service.client, case_id, "formalities").status_code == 200
    view = service.client.get(f"/cases/{case_id}").json()
    assert view["steps_done"] == list(STEPS) and view["next_step"] is None
    assert all(s["done"] for s in view["steps"])
