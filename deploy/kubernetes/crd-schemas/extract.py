"""Write the validation schema of a CustomResourceDefinition, without its descriptions, as JSON:
`python extract.py CRD.yaml VERSION > KIND.json`. The operators' CRDs are hundreds of
kilobytes of prose; the tests need only their structure (tests/test_kubernetes.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml


def without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: without_descriptions(value)
            for key, value in node.items()
            # A property may be called "description": drop only the prose (a string).
            if not (key == "description" and isinstance(value, str))
        }
    if isinstance(node, list):
        return [without_descriptions(item) for item in node]
    return node


def crd_schema(crd: dict[str, Any], version: str) -> dict[str, Any]:
    for served in crd["spec"]["versions"]:
        if served["name"] == version:
            schema: dict[str, Any] = without_descriptions(served["schema"]["openAPIV3Schema"])
            return schema
    raise SystemExit(f"{crd['metadata']['name']} has no version {version}")


def main() -> None:
    path, version = sys.argv[1], sys.argv[2]
    crd = yaml.safe_load(Path(path).read_text())
    json.dump(crd_schema(crd, version), sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
