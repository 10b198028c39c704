"""The public API of the ingest stage, and its promise to import no other stage."""

from __future__ import annotations

import ast
from pathlib import Path

from claimtrail import ingest

OTHER_STAGES = {"clean", "metadata", "nlp", "claims", "link", "cli", "pipeline", "store", "serve", "scale"}
ALLOWED_SHARED = {"models", "errors", "settings"}


def test_exported_members() -> None:
    assert ingest.__all__ == [
        "WATCH_EXTRA",
        "Fetched",
        "Fetcher",
        "ParsedFeed",
        "document_kind",
        "iter_documents",
        "iter_input_files",
        "iter_jsonl",
        "iter_warc",
        "page_document",
        "parse_feed",
        "read_path",
        "read_text_file",
        "storable_document",
        "walk_folder",
    ]
    for name in ingest.__all__:
        if name.isupper():  # a constant: the extra watch needs, named in its messages
            assert isinstance(getattr(ingest, name), str)
        else:
            assert callable(getattr(ingest, name))


def test_ingest_imports_only_the_shared_modules_and_itself() -> None:
    package = Path(ingest.__file__).parent
    for module in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                target = (node.module or "").split(".")[0]
                assert target in ALLOWED_SHARED, f"{module.name} imports claimtrail.{target}"
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.append(node.module)
            for name in names:
                parts = name.split(".")
                assert not (parts[0] == "claimtrail" and len(parts) > 1 and parts[1] in OTHER_STAGES), (
                    f"{module.name} imports {name}"
                )
