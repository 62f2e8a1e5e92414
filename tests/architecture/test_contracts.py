"""The architecture contracts hold for the project and break on the imports they forbid."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

CONFIG = """
[importlinter]
root_packages =
    services
    shared
include_external_packages = True
contract_types =
    pure_imports: tests.architecture.pure_imports.PureImportsContract

[importlinter:contract:domain]
name = Domains stay pure
type = pure_imports
source_modules =
    services.*.domain
allowed_modules =
    eventsourcing.domain
    shared.calendar

[importlinter:contract:independent]
name = Services are independent
type = independence
modules =
    services.alpha
    services.beta

[importlinter:contract:acyclic]
name = No cycles
type = acyclic_siblings
ancestors =
    shared
"""


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{ROOT}"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / ".importlinter"), "--no-cache"],
        cwd=tree, env=env, capture_output=True, text=True, timeout=120,
    )


def write_tree(tree: Path, files: dict[str, str]) -> None:
    (tree / ".importlinter").write_text(CONFIG)
    base = {
        "services/__init__.py": "",
        "services/alpha/__init__.py": "",
        "services/alpha/domain/__init__.py": "",
        "services/alpha/domain/case.py": "from eventsourcing.domain import Aggregate\n",
        "services/beta/__init__.py": "",
        "services/beta/api.py": "",
        "shared/__init__.py": "",
        "shared/calendar/__init__.py": "",
        "shared/messaging/__init__.py": "",
        "shared/contract/__init__.py": "",
        "shared/contract/events.py": "",
        "shared/contract/envelope.py": "",
    }
    for name, text in {**base, **files}.items():
        path = tree / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_the_project_keeps_every_contract() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_clean_tree_passes(tmp_path: Path) -> None:
    write_tree(tmp_path, {})
    result = lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("files", "named"),
    [
        ({"services/alpha/domain/store.py": "import psycopg\n"}, "psycopg"),
        (
            {"services/alpha/domain/store.py": "from eventsourcing.application import Application\n"},
            "eventsourcing.application",
        ),
        ({"services/alpha/domain/bus.py": "from shared.messaging import relay\n"}, "shared.messaging"),
    ],
    ids=["database-driver", "eventsourcing-application", "project-io-module"],
)
def test_a_domain_importing_io_breaks_the_contract(tmp_path: Path, files: dict[str, str], named: str) -> None:
    write_tree(tmp_path, files)
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "Domains stay pure BROKEN" in result.stdout
    assert named in result.stdout


def test_a_service_importing_another_breaks_the_contract(tmp_path: Path) -> None:
    write_tree(tmp_path, {"services/beta/api.py": "from services.alpha.domain import case\n"})
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "Services are independent BROKEN" in result.stdout


def test_a_cycle_breaks_the_contract(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "shared/contract/events.py": "from shared.contract import envelope\n",
            "shared/contract/envelope.py": "def subject():\n    from shared.contract import events\n",
        },
    )
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "No cycles BROKEN" in result.stdout
