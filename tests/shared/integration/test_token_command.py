"""`cadre token` issues tokens that services configured with the data directory's key accept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jwt
import pytest

from shared.access.dev_issuer import KEY_FILE
from shared.access.principal import Principal
from shared.access.tokens import TokenRejected, TokenVerifier, new_signing_key, public_key_of
from shared.runner.cli import main

ROOT = Path(__file__).resolve().parents[3]


def cadre_token(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exited:
        main(["token", *args])
    assert exited.value.code == 0
    return capsys.readouterr().out.strip()


def verifier_for(data_dir: Path) -> TokenVerifier:
    """What a service started by `cadre up --data-dir data_dir` verifies with."""
    return TokenVerifier.from_pem(public_key_of((data_dir / "secrets" / KEY_FILE).read_text()))


def test_the_token_names_the_principal_role_and_unit_and_verifies_with_the_key_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = cadre_token(capsys, "--role", "committee_secretary", "--unit", "org:baotou-municipal",
                        "--subject", "zhang.hua", "--name", "张华", "--data-dir", str(tmp_path))
    assert verifier_for(tmp_path).verify(token) == Principal(
        subject="zhang.hua", role="committee_secretary", unit="org:baotou-municipal", name="张华")
    assert (tmp_path / "secrets" / KEY_FILE).stat().st_mode & 0o077 == 0


def test_later_tokens_are_signed_by_the_same_key_for_the_hours_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = "org:inner-mongolia-region"
    first = cadre_token(capsys, "--role", "supervisor", "--unit", unit, "--subject", "zhao.qiang",
                        "--data-dir", str(tmp_path))
    verifier = verifier_for(tmp_path)
    second = cadre_token(capsys, "--role", "cadre", "--unit", "unit:bt-housing-bureau",
                         "--subject", "cadre-bt-0001", "--hours", "0.5", "--data-dir", str(tmp_path))
    assert verifier.verify(first).role == "supervisor"
    assert verifier.verify(second) == Principal("cadre-bt-0001", "cadre", "unit:bt-housing-bureau")
    claims = jwt.decode(second, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 1800


def test_a_token_from_another_data_directory_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = cadre_token(capsys, "--role", "case_officer", "--unit", "org:baotou-municipal",
                        "--subject", "li.min", "--data-dir", str(tmp_path / "one"))
    with pytest.raises(TokenRejected):
        TokenVerifier.from_pem(public_key_of(new_signing_key())).verify(token)


def test_an_unknown_role_is_refused_before_anything_is_issued(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["token", "--role", "superuser", "--unit", "org:central", "--subject", "x",
              "--data-dir", str(tmp_path)])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'superuser'" in error and "case_officer" in error
    assert not (tmp_path / "secrets").exists()


def test_the_command_line_program_prints_only_the_token(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shared.runner.cli", "token", "--role", "administrator",
         "--unit", "org:central", "--subject", "ops.admin", "--data-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    token = done.stdout.strip()
    assert done.stdout.count("\n") == 1
    assert verifier_for(tmp_path).verify(token).role == "administrator"
