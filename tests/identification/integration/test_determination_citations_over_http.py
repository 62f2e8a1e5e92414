"""A determination cites items of the cadre's own pack, and only items it has (IM 16): an item
the pack lacks, or a pack that is not the cadre's (or not loaded at all), is a 422 naming the
rule and the field, and opens no case."""

from __future__ import annotations

import pytest

from shared.settings import ServiceSettings
from tests.identification.integration.conftest import service_client
from tests.identification.integration.published import published
from tests.identification.integration.test_concern_steps_over_http import UNIT, open_concern

# (cited pack, cited article, field at fault)
WRONG = [
    ("IM-2022", "art. 6(99)", "circumstances[0].article"),
    ("XX-1999", "art. 6(8)", "circumstances[0].pack_id"),
    ("LG-2020", "art. 7(1)", "circumstances[0].pack_id"),
]


@pytest.mark.parametrize(("pack_id", "article", "field"), WRONG)
def test_a_citation_outside_the_cadres_pack_is_refused(
    settings: ServiceSettings, pack_id: str, article: str, field: str
) -> None:
    _, client = service_client(settings, UNIT)
    with client:
        concern_id = open_concern(client, f"s-cite-{pack_id}-{article}")
        before = client.get(f"/concerns/{concern_id}").json()
        response = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "unsuitable", "circumstances": [{"pack_id": pack_id, "article": article}],
            "evidence_refs": ["jw-report"], "on_behalf_of": "组织部", "determined_on": "2026-05-06"})
        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["rule"] == "IM 16" and problem["field"] == field
        assert problem["message_zh"] and problem["message_en"]
        assert client.get(f"/concerns/{concern_id}").json() == before

        good = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "unsuitable", "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(8)"}],
            "evidence_refs": ["jw-report"], "on_behalf_of": "组织部", "determined_on": "2026-05-06"})
        assert good.status_code == 200, good.text
        types = [e["type"] for e in published(settings.nats_url, "cadre.identification.>", 3)]
        assert types.count("UnsuitabilityDetermined") == 1


def test_a_mis_made_determination_is_withdrawn_and_the_concern_reopens(settings: ServiceSettings) -> None:
    _, client = service_client(settings, UNIT)
    with client:
        concern_id = open_concern(client, "s-withdraw")
        assert client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "unsuitable", "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(8)"}],
            "evidence_refs": ["jw-report"], "on_behalf_of": "组织部",
            "determined_on": "2026-05-06"}).status_code == 200
        withdrawn = client.post(f"/concerns/{concern_id}/determination/withdrawal", json={
            "reason": "引用条目错误", "on_behalf_of": "市委", "withdrawn_on": "2026-05-08"})
        assert withdrawn.status_code == 200, withdrawn.text
        assert withdrawn.json()["status"] != "closed"
        [event] = published(settings.nats_url, "cadre.identification.determination_withdrawn.v1", 1)
        assert event["data"]["concern_id"] == concern_id and event["data"]["reason"] == "引用条目错误"
        # The determination stays on the record beside its withdrawal.
        types = [e["type"] for e in published(settings.nats_url, "cadre.identification.>", 4)]
        assert types.count("UnsuitabilityDetermined") == 1 and "DeterminationWithdrawn" in types
