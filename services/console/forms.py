"""From posted form fields to the bodies the services take: lists typed one per line, empty
fields left out (so the service's own defaults and checks apply)."""

from __future__ import annotations

from typing import Any


def lines(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def text(form: dict[str, Any], *names: str) -> dict[str, Any]:
    """The named fields that were filled in, as strings."""
    return {n: str(form[n]).strip() for n in names if str(form.get(n) or "").strip()}


def number(form: dict[str, Any], name: str) -> int | None:
    value = str(form.get(name) or "").strip()
    return int(value) if value.lstrip("-").isdigit() else None


def checked(form: dict[str, Any], name: str) -> bool:
    return str(form.get(name) or "") in ("on", "true", "1")
