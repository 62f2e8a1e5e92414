"""The command line every service shares: `cadre-<service> [--help]` starts the service."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from fastapi import APIRouter

from shared.service_host import ServiceRuntime, create_api, serve


def run_service(
    name: str,
    description: str,
    bootstrap: Callable[[], ServiceRuntime],
    routers: Callable[[ServiceRuntime], Sequence[APIRouter]],
    argv: Sequence[str] | None = None,
) -> None:
    parser = argparse.ArgumentParser(
        prog=f"cadre-{name}",
        description=f"{description} Settings come from the environment: NATS_URL, POSTGRES_*, "
        "CADRE_HTTP_HOST/PORT, CADRE_TRACE_EXPORTER, CADRE_CLOCK (see README).",
    )
    parser.parse_args(argv)
    runtime = bootstrap()
    api = create_api(runtime, routers(runtime), title=f"cadre {name} service")
    serve(api, runtime.settings)
