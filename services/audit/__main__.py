"""`cadre-audit`: the audit service process."""

from __future__ import annotations

from services.audit.api import router
from services.audit.bootstrap import bootstrap
from shared.service_main import run_service


def main() -> None:
    run_service(
        "audit",
        "Audit service: the documentary record of every cadre and case, replayable as of any time.",
        bootstrap,
        lambda runtime: [router],
    )


if __name__ == "__main__":
    main()
