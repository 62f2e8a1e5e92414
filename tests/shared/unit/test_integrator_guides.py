"""Every registered producer has its integrator's guide, naming the subjects its NATS user may
publish and its receipts subject, as the permissions made from the registry have them."""

from __future__ import annotations

from pathlib import Path

from shared.messaging.permissions import producer_user
from shared.producers.registry import producer_registry

GUIDES = Path(__file__).resolve().parents[3] / "docs" / "integrators"


def test_each_producer_s_guide_names_exactly_the_subjects_it_may_publish() -> None:
    for producer in producer_registry().producers:
        guide = (GUIDES / f"{producer.name}.md").read_text(encoding="utf-8")
        user = producer_user(producer, "x")
        intake = {s for s in user.publish_allow if s.startswith("cadre.intake.")}
        named = {word.strip("`") for word in guide.split() if word.startswith("`cadre.intake.")}
        assert named == intake, producer.name
        assert f"cadre.receipts.{producer.name}.>" in guide
        assert f"[{producer.name}]({producer.name}.md)" in (GUIDES / "README.md").read_text(encoding="utf-8")
