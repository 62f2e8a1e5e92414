"""How an event type's name is written in a subject."""

from __future__ import annotations

import re


def snake(name: str) -> str:
    """`CircumstanceReported` → `circumstance_reported`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
