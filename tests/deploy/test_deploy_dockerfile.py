"""deploy/Dockerfile: a multi-stage build whose runtime stage holds only the
virtual environment and runs as a non-root user."""

from __future__ import annotations

import re

import deploy_support as ds
import pytest

BUILD_TOOLS = re.compile(
    r"\b(gcc|g\+\+|cc|clang|make|build-essential|[\w.+-]+-dev|python3-dev|cmake|rustc|cargo)\b"
)


@pytest.fixture(scope="module")
def stages() -> list[ds.Stage]:
    _, parsed = ds.parse_dockerfile()
    return parsed


def test_parser_reads_instructions_with_continuations() -> None:
    text = "# c\nARG X=1\nFROM a:${X} AS one\nRUN echo a \\\n  # inner comment\n  && echo b\n"
    assert ds.dockerfile_instructions(text) == [
        ("ARG", "X=1"),
        ("FROM", "a:${X} AS one"),
        ("RUN", "echo a  && echo b"),
    ]


def test_is_multi_stage_on_python_311_slim(stages: list[ds.Stage]) -> None:
    assert len(stages) >= 2
    assert stages[-1].base == "python:3.11-slim"
    assert stages[0].base.startswith("python:3.11")


def test_build_stage_installs_the_project_into_a_venv(stages: list[ds.Stage]) -> None:
    build = stages[0]
    runs = " ; ".join(build.all("RUN"))
    assert re.search(r"python -m venv (/opt/venv)", runs)
    assert "pip install -r requirements.lock" in runs
    assert re.search(r"pip install (--no-deps )?\.", runs)
    # Installs whichever of lock / pyproject exists.
    assert re.search(r"if \[ -f requirements\.lock \]", runs)
    copies = build.all("COPY")
    assert any("pyproject.toml" in c and "requirements.lock*" in c for c in copies)


def test_final_stage_copies_only_the_venv(stages: list[ds.Stage]) -> None:
    build, final = stages[0], stages[-1]
    copies = final.all("COPY")
    assert copies, "the runtime stage must copy the venv"
    for copy in copies:
        assert copy.startswith(f"--from={build.name} "), f"runtime COPY from the context: {copy}"
        assert copy.split()[1:] == ["/opt/venv", "/opt/venv"], copy
    assert not final.all("ADD")
    env = " ".join(final.all("ENV"))
    assert "PATH=/opt/venv/bin:$PATH" in env


def test_final_stage_has_no_compilers(stages: list[ds.Stage]) -> None:
    final = stages[-1]
    for run in final.all("RUN"):
        if re.search(r"apt-get install|apk add|yum install|dnf install", run):
            packages = run.split("install", 1)[1]
            assert not BUILD_TOOLS.search(packages), f"build tools in the runtime stage: {run}"
        assert "pip install" not in run


def test_final_stage_runs_as_non_root_uid_10001(stages: list[ds.Stage]) -> None:
    final = stages[-1]
    users = final.all("USER")
    assert users, "the runtime stage must set USER"
    user = users[-1].split(":")[0]
    assert user.isdigit() and int(user) == 10001, "numeric non-root uid (runAsNonRoot checks it)"
    group = users[-1].split(":")[1] if ":" in users[-1] else None
    assert group != "0" and group != "root"
    # USER comes after every RUN, so nothing later switches back to root.
    keywords = [kw for kw, _ in final.instructions]
    assert keywords.index("USER") > max(i for i, kw in enumerate(keywords) if kw == "RUN")
    assert any("useradd" in run and "10001" in run for run in final.all("RUN"))


def test_image_defaults_and_entry_point(stages: list[ds.Stage]) -> None:
    final = stages[-1]
    env = " ".join(final.all("ENV"))
    assert "CADRE_HTTP_HOST=0.0.0.0" in env and "CADRE_HTTP_PORT=8000" in env
    assert final.all("EXPOSE") == ["8000"]
    entrypoint, cmd = ds.dockerfile_entrypoint_and_cmd()
    assert ds.program_name(entrypoint + cmd) in ds.ENTRYPOINTS
    # Exec form, so the program is PID 1 and receives SIGTERM.
    for instruction in final.all("CMD") + final.all("ENTRYPOINT"):
        assert instruction.startswith("[")


def test_build_context_excludes_secrets_and_vcs() -> None:
    ignore = (ds.DEPLOY_DIR / "Dockerfile.dockerignore").read_text().splitlines()
    patterns = {line.strip() for line in ignore if line.strip() and not line.startswith("#")}
    assert {".git", "deploy", "**/*.pem", "**/*.key", "**/.env"} <= patterns
