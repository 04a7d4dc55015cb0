"""Reading trusted-document manifests: codegen's and Apollo's formats as their tools write
them, ids canonicalised (the `sha256:` prefix, case), and every way a manifest can be wrong
refused whole with a message naming the file and the problem."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from router.pipeline.manifests import ManifestError, canonical_id, load_manifests

ME = "query Me { me { name } }"
HEX = hashlib.sha256(ME.encode()).hexdigest()


def write(path: Path, content: object) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_both_formats_load_into_one_list(tmp_path: Path) -> None:
    codegen = write(tmp_path / "codegen.json", {f"sha256:{HEX}": ME})
    apollo = write(
        tmp_path / "apollo.json",
        {
            "format": "apollo-persisted-query-manifest",
            "version": 1,
            "operations": [
                {"id": HEX, "body": ME, "name": "Me", "type": "query"},
                {"id": "custom-1", "body": "{ users { id } }", "name": "U", "type": "query"},
            ],
        },
    )
    documents = load_manifests([codegen, apollo])
    assert documents is not None
    assert documents.texts == {ME, "{ users { id } }"}
    assert documents.get(f"sha256:{HEX}") == documents.get(HEX.upper()) == ME
    assert documents.get("custom-1") == "{ users { id } }"
    # A custom-id document is listed under its SHA-256 too (APQ hashes, documentId sha256:…).
    custom_hash = hashlib.sha256(b"{ users { id } }").hexdigest()
    assert documents.get(custom_hash) == "{ users { id } }"
    assert documents.get("missing") is None
    assert documents.sources == (codegen, apollo)


def test_no_manifests_is_no_list() -> None:
    assert load_manifests([]) is None


def test_an_empty_manifest_lists_nothing(tmp_path: Path) -> None:
    documents = load_manifests([write(tmp_path / "empty.json", {})])
    assert documents is not None and documents.texts == frozenset()


def test_canonical_ids() -> None:
    assert canonical_id(HEX.upper()) == f"sha256:{HEX}"
    assert canonical_id(f"SHA256:{HEX.upper()}") == f"sha256:{HEX}"
    assert canonical_id("relay-42") == "relay-42"
    assert canonical_id("sha256:short") == "sha256:short"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json {", "not JSON"),
        ([ME], "a manifest is a JSON object"),
        ({"a": 1}, "is not a document"),
        ({"format": "relay", "version": 1, "operations": []}, "unknown manifest format"),
        ({"format": "apollo-persisted-query-manifest", "version": 2}, "unknown manifest format"),
        ({"format": "apollo-persisted-query-manifest", "version": 1}, '"operations" must be'),
        (
            {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{}]},
            'needs a string "id" and "body"',
        ),
        ({"sha256:" + "0" * 64: ME}, "is not the SHA-256 of its document"),
        ({"0" * 64: ME}, "is not the SHA-256 of its document"),
        ({"q1": "query { ((("}, "does not parse"),
        ({"": ME}, "an id is empty"),
    ],
)
def test_a_bad_manifest_is_refused_whole(tmp_path: Path, content: object, problem: str) -> None:
    path = write(tmp_path / "bad.json", content)
    with pytest.raises(ManifestError) as refused:
        load_manifests([path])
    assert str(refused.value).startswith(f"{path}: ")
    assert problem in str(refused.value)


def test_one_id_for_two_documents_is_refused(tmp_path: Path) -> None:
    first = write(tmp_path / "a.json", {"op-1": ME})
    second = write(tmp_path / "b.json", {"op-1": "{ users { id } }"})
    with pytest.raises(ManifestError, match="names two different documents"):
        load_manifests([first, second])


def test_a_missing_manifest_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot read the manifest"):
        load_manifests([tmp_path / "absent.json"])
