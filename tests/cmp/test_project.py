"""`cmp` finds the project's data directory (.cmp/ in the checkout) from any working directory,
so `cmp token` signs with the key the running stack trusts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jwt

from cmp.project import is_checkout, project_root, use_project_data_dir
from subgraphs.common.auth.dev_issuer import DevIssuer

ROOT = Path(__file__).resolve().parents[2]


def test_the_checkout_is_found_from_a_subfolder_and_from_elsewhere(tmp_path: Path) -> None:
    assert is_checkout(ROOT)
    assert project_root(ROOT / "router" / "http") == ROOT
    # Outside any checkout: the one this cmp is installed from (editable, as ./run installs).
    assert project_root(tmp_path) == ROOT


def test_another_project_is_not_mistaken_for_this_one(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "something-else"\n')
    assert not is_checkout(tmp_path)
    (tmp_path / "pyproject.toml").write_text("not toml [")
    assert not is_checkout(tmp_path)


def test_cmp_data_dir_is_set_only_when_unset(tmp_path: Path) -> None:
    environ: dict[str, str] = {}
    assert use_project_data_dir(environ, cwd=tmp_path) == ROOT / ".cmp"
    assert environ == {"CMP_DATA_DIR": str(ROOT / ".cmp")}
    explicit = {"CMP_DATA_DIR": str(tmp_path / "mine")}
    assert use_project_data_dir(explicit, cwd=tmp_path) is None
    assert explicit == {"CMP_DATA_DIR": str(tmp_path / "mine")}


def test_cmp_token_signs_with_the_project_key_from_any_directory(tmp_path: Path) -> None:
    """Run as a user would, from a subfolder of a checkout: the key in the checkout's .cmp/
    signs (created there, and said so, on first use); nothing is made where it ran."""
    checkout = tmp_path / "checkout"
    subfolder = checkout / "storefront" / "src"
    subfolder.mkdir(parents=True)
    (checkout / "pyproject.toml").write_text('[project]\nname = "cmp-supergraph"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("CMP_")}
    env["CMP_ENV"] = "development"

    def token() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cmp.cli", "token", "--email", "ada@example.com"],
            cwd=subfolder,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )

    first = token()
    key = checkout / ".cmp" / "dev-issuer.pem"
    assert f"creating {key}" in first.stderr  # a new key is never made silently
    second = token()
    assert second.stderr == ""
    assert not (subfolder / ".cmp").exists()
    public_key = jwt.PyJWK(DevIssuer.load_or_create(key).jwks()["keys"][0]).key
    for printed in (first.stdout, second.stdout):
        claims = jwt.decode(
            printed.strip(), public_key, algorithms=["RS256"], options={"verify_aud": False}
        )
        assert claims["email"] == "ada@example.com"


def test_cmp_token_opens_the_playground_signed_in(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CMP_")}
    env.update(CMP_ENV="development", CMP_DATA_DIR=str(tmp_path))
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "cmp.cli",
            "token",
            "--email",
            "ada@example.com",
            "--playground",
            "--router-url",
            "http://127.0.0.1:5000/graphql",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()
    address, _, fragment = printed.partition("#token=")
    assert address == "http://127.0.0.1:5000/graphql"
    public_key = jwt.PyJWK(
        DevIssuer.load_or_create(tmp_path / "dev-issuer.pem").jwks()["keys"][0]
    ).key
    assert (
        jwt.decode(fragment, public_key, algorithms=["RS256"], options={"verify_aud": False})[
            "email"
        ]
        == "ada@example.com"
    )
