"""`cadre-identification`: the identification service process."""

from __future__ import annotations

from services.identification.api import router
from services.identification.bootstrap import bootstrap
from shared.service_main import run_service


def main() -> None:
    run_service(
        "identification",
        "Identification service: signals from every channel, concerns, determinations.",
        bootstrap,
        lambda runtime: [router],
    )


if __name__ == "__main__":
    main()
