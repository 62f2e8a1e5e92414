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


class RuleRefusedError(Exception):
    """A refusal that names the rule it applies (its citation) and says why in Chinese and English.

    Services subclass it with their own error classes; the HTTP layer answers with `rule`,
    `message_zh` and `message_en` beside the usual detail, and `field` when one field is at fault.
    """

    def __init__(self, rule: str, zh: str, en: str, field: str | None = None) -> None:
        self.rule = rule
        self.message_zh = zh
        self.message_en = en
        self.field = field
        super().__init__(f"{rule}: {en} / {zh}")
