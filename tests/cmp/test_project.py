"""`cmp` finds the project's data directory (.cmp/ in the checkout) from any working directory,
so `cmp token` signs with the key the running stack trusts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jwt

from cmp.project import is_checkout, project_root, use_project_data_dir
from kernel.auth.dev_issuer import DevIssuer

ROOT = Path(__file__).resolve().parents[2]


def test_the_checkout_this_cmp_runs_from_wins(tmp_path: Path) -> None:
    assert is_checkout(ROOT)
    assert project_root(tmp_path) == ROOT  # from anywhere, as ./run installs it (editable)
    other = tmp_path / "other-checkout"
    other.mkdir()
    (other / "pyproject.toml").write_text('[project]\nname = "cmp-supergraph"\n')
    assert project_root(other) == ROOT  # its own .cmp/, not another checkout's


def test_an_installed_wheel_uses_the_checkout_around_it(tmp_path: Path) -> None:
    site_packages = tmp_path / "venv" / "lib" / "site-packages"
    checkout = tmp_path / "checkout"
    (checkout / "storefront").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text('[project]\nname = "cmp-supergraph"\n')
    assert project_root(checkout / "storefront", installed_from=site_packages) == checkout
    assert project_root(tmp_path, installed_from=site_packages) is None


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


def token_process(cwd: Path, *arguments: str, **environ: str) -> subprocess.CompletedProcess[str]:
    """`cmp token --email ada@example.com ARGUMENTS` as a user runs it, in `cwd`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CMP_")}
    return subprocess.run(
        [sys.executable, "-m", "cmp.cli", "token", "--email", "ada@example.com", *arguments],
        cwd=cwd,
        env={**env, "CMP_ENV": "development", **environ},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def email_in(token: str, key: Path) -> str:
    public_key = jwt.PyJWK(DevIssuer.load_or_create(key).jwks()["keys"][0]).key
    claims = jwt.decode(
        token.strip(), public_key, algorithms=["RS256"], options={"verify_aud": False}
    )
    return str(claims["email"])


def test_cmp_token_signs_with_the_checkouts_key_from_any_directory(tmp_path: Path) -> None:
    """Run elsewhere, as a user would: the checkout's .cmp/ key signs (the one its `./run dev`
    trusts); nothing is made where it ran."""
    printed = token_process(tmp_path)
    assert not (tmp_path / ".cmp").exists()
    assert email_in(printed.stdout, ROOT / ".cmp" / "dev-issuer.pem") == "ada@example.com"


def test_cmp_token_says_when_it_makes_a_key(tmp_path: Path) -> None:
    first = token_process(tmp_path, CMP_DATA_DIR=str(tmp_path / "data"))
    key = tmp_path / "data" / "dev-issuer.pem"
    assert f"creating {key}" in first.stderr  # a new key is never made silently
    second = token_process(tmp_path, CMP_DATA_DIR=str(tmp_path / "data"))
    assert second.stderr == ""
    assert email_in(first.stdout, key) == email_in(second.stdout, key) == "ada@example.com"


def test_cmp_token_opens_the_playground_signed_in(tmp_path: Path) -> None:
    router = "http://127.0.0.1:5000/graphql"
    printed = token_process(
        tmp_path, "--playground", "--router-url", router, CMP_DATA_DIR=str(tmp_path)
    ).stdout.strip()
    address, _, token = printed.partition("#token=")
    assert address == router
    assert email_in(token, tmp_path / "dev-issuer.pem") == "ada@example.com"
