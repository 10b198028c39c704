"""Sidecars: ``NAME.meta.json`` beside ``NAME.txt`` or ``NAME.html`` gives that document's metadata.

    {"outlet": "CNA", "published": "2025-06-26", "title": "North Korea sending more troops"}

A missing sidecar means no metadata; a broken one fails its document rather than be ignored.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..errors import MalformedInputError
from ..models import DocumentMeta
from ..settings import IngestSettings
from .decode import read_bytes
from .jsontext import load_json
from .meta import META_FIELDS, VALID_META, meta_from_mapping

logger = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"


def sidecar_path(document: Path) -> Path:
    """Return where the sidecar of ``document`` would be: ``a/b.txt`` -> ``a/b.meta.json``."""
    return document.with_name(document.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(document: Path, settings: IngestSettings) -> DocumentMeta:
    """Return the metadata of ``document``'s sidecar, or empty metadata when it has none."""
    path = sidecar_path(document)
    if not path.is_file():
        return DocumentMeta()
    where = f"{path} (metadata sidecar of {document.name})"
    expected = f"expected one JSON object with {VALID_META}"
    data = read_bytes(path, settings.max_document_bytes)
    try:
        # JSON is UTF-8 by definition (RFC 8259); a BOM is tolerated.
        record = load_json(data.decode("utf-8-sig"), where=where, expected=expected)
    except UnicodeDecodeError as exc:
        raise MalformedInputError(f"{where}: is not UTF-8 ({exc.reason}); save it as UTF-8 JSON") from exc
    except json.JSONDecodeError as exc:
        raise MalformedInputError(
            f"{where}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); {expected}"
        ) from exc
    if not isinstance(record, dict):
        raise MalformedInputError(f"{where}: {expected}")
    unknown = sorted(set(record) - set(META_FIELDS))
    if unknown:
        # A sidecar holds nothing else, so an unknown key is most likely a misspelt field.
        logger.warning("%s: ignoring unknown keys %s; valid keys: %s", where, unknown, ", ".join(META_FIELDS))
    return meta_from_mapping(record, where=where)
