"""An import-linter contract type: modules that may import only an allow-list.

import-linter's own `forbidden` contract names what is refused, and for external packages only at
their top level, so it cannot say "`eventsourcing.domain` yes, `eventsourcing.application` no".
A domain must stay free of I/O whatever package a newcomer reaches for, so this contract names
what is allowed instead: the standard library, the listed external modules and the listed project
modules (each with its descendants), plus the source package itself.
"""

from __future__ import annotations

import sys

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck
from importlinter.domain.helpers import module_expressions_to_modules


def _within(module: str, allowed: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in allowed)


def _top_package(module: str) -> str:
    return module.split(".", 1)[0]


def _named_module(line: str, fallback: str) -> str:
    """The module an import line names: the graph squashes external packages to their top level."""
    words = line.split()
    if len(words) >= 2 and words[0] in ("from", "import"):
        return words[1].rstrip(",")
    return fallback


class PureImportsContract(Contract):
    """Source modules import only the standard library and the allowed modules."""

    type_name = "pure_imports"

    source_modules = fields.SetField(subfield=fields.ModuleExpressionField())
    allowed_modules = fields.SetField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        allowed = {str(name) for name in self.allowed_modules}  # type: ignore[attr-defined]
        violations: list[dict[str, object]] = []
        for source in module_expressions_to_modules(graph, self.source_modules):  # type: ignore[attr-defined]
            package = source.name
            for importer in sorted({package, *graph.find_descendants(package)}):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    if _top_package(imported) in sys.stdlib_module_names:
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    for detail in details:
                        named = _named_module(str(detail["line_contents"]), imported)
                        if named.startswith("."):
                            named = imported
                        if _within(named, {package}) or _within(named, allowed):
                            continue
                        violations.append(
                            {
                                "importer": importer,
                                "imported": named,
                                "line_number": detail["line_number"],
                            }
                        )
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(
                f"{violation['importer']}:{violation['line_number']} -> {violation['imported']} "
                "is outside "
                "the standard library and the allowed modules",
                bold=False,
            )
