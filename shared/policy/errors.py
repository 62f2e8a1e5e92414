"""Errors raised by the policy-pack loader and registry."""

from __future__ import annotations

from pathlib import Path


class UnknownPackError(LookupError):
    """No loaded policy pack has the requested id (or id and version)."""


class UnknownCircumstanceError(LookupError):
    """No loaded policy pack defines the requested circumstance code."""


class PackFormatError(ValueError):
    """A policy-pack file is malformed; the message names the file and the offending field."""

    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        self.file = str(file)
        self.field = field
        self.problem = problem
        super().__init__(f"{self.file}: field {field!r}: {problem}")
