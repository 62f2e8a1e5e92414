"""`cadre-followup`: the follow-up service process."""

from __future__ import annotations

from services.followup.api import router
from services.followup.bootstrap import bootstrap
from shared.service_main import run_service


def main() -> None:
    run_service(
        "followup",
        "Follow-up service: plans, impact periods and reinstatement eligibility.",
        bootstrap,
        lambda runtime: [router],
    )


if __name__ == "__main__":
    main()
