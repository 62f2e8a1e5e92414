"""`cadre-adjustment`: the adjustment service process."""

from __future__ import annotations

from services.adjustment.bootstrap import bootstrap
from services.adjustment.routers import ROUTERS
from shared.service_main import run_service


def main() -> None:
    run_service(
        "adjustment",
        "Adjustment service: the five-step procedure from determination to executed formalities.",
        bootstrap,
        lambda runtime: ROUTERS,
    )


if __name__ == "__main__":
    main()
