"""`cadre-console`: the web console process."""

from __future__ import annotations

import argparse

import uvicorn

from services.console.app import create_app
from services.console.settings import ConsoleSettings


def main() -> None:
    argparse.ArgumentParser(
        prog="cadre-console",
        description="The web console (Simplified Chinese). Settings from the environment: "
        "CONSOLE_<SERVICE>_URL, CONSOLE_OIDC_ISSUER/CLIENT_ID/CLIENT_SECRET, "
        "CONSOLE_DEV_SIGNING_KEY_FILE (outside production), CADRE_HTTP_HOST/PORT.").parse_args()
    settings = ConsoleSettings()
    uvicorn.run(create_app(settings), host=settings.cadre_http_host, port=settings.cadre_http_port,
                log_level="info", proxy_headers=True)


if __name__ == "__main__":
    main()
