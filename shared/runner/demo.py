"""`cadre up --demo`: one cadre from a discipline-inspection signal to reinstatement eligibility."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shared.access.dev_issuer import DevIssuer
from shared.runner import principals
from shared.runner.demo_register import load_register
from shared.runner.scenario import Scenario, wait_for


def run_demo(urls: dict[str, str], nats_url: str, issuer: DevIssuer, data_dir: Path) -> None:
    scenario = Scenario(urls=urls, nats_url=nats_url, issuer=issuer,
                        log=lambda line: print(f"  demo: {line}"))
    print("loading the demo scenario…")
    count = load_register(urls["identification"], issuer)
    print(f"  demo: the cadre register holds {count} cadres of the Baotou and Hohhot departments "
          f"(GET {urls['identification']}/register/cadres?q=wjg)")
    if scenario.concerns():
        print("  demo: already loaded (data kept from an earlier run)")
    else:
        scenario.report()
        concern_id = scenario.determine()
        scenario.run_procedure(concern_id, effective_on=date.today())
        wait_for("the follow-up plan", scenario.plans)
        # Removal bars promotion for one year (IM-2022 pack data); jump past it.
        scenario.advance_followup_clock(367)
        scenario.wait_for_timeline_type("ReinstatementEligible", timeout=60)
    # Read as the upper level would: the supervisor states a purpose, and the read is recorded.
    timeline = scenario.timeline(principals.supervisor(), principals.SUPERVISION_PURPOSE)
    print(f"  demo: the audit record of {scenario.cadre.name} holds {len(timeline)} events "
          f"(read by a supervisor of {principals.SUPERVISING_UNIT}):")
    for entry in timeline:
        print(f"    {entry['occurred_at'][:19]}  {entry['source']:<15} {entry['type']}")
    print_access_hint(urls, scenario.cadre.cadre_id, data_dir)


def print_access_hint(urls: dict[str, str], cadre_id: str, data_dir: Path) -> None:
    """Every API wants a bearer token; show a new user how to get one and use it."""
    officer = principals.case_officer()
    print("  every request needs a token (valid 8 hours); as the demo's case officer:")
    print(f"    TOKEN=$(.venv/bin/cadre token --role {officer.role} --unit {officer.unit} "
          f"--subject {officer.subject} --data-dir {data_dir})")
    print(f'    curl -H "Authorization: Bearer $TOKEN" {urls["audit"]}/cadres/{cadre_id}/timeline')
    print("  other roles: .venv/bin/cadre token --help (README.md, section Access)")
