"""Paths to documents: walk folders, dispatch each file by kind, turn bad input into failures.

    >>> for item in iter_documents(["seeds/", "extra.jsonl"], IngestSettings()):
    ...     print(item.doc)

Folders are walked recursively in sorted order; results come in the order of the
paths given. An :class:`InputError` never escapes: it becomes a
:class:`DocumentFailure` and the batch goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import InputError, UnsupportedInputError
from ..models import DocumentFailure, RawDocument
from ..settings import IngestSettings
from .decode import read_text_file, storable_document
from .html import extract_html
from .jsonl import iter_jsonl
from .meta import merge_meta
from .sidecar import SIDECAR_SUFFIX, is_sidecar, read_sidecar
from .warc import WARC_SUFFIXES, is_warc, iter_warc

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
ACCEPTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES

_ACCEPTED = f"accepted: {', '.join(ACCEPTED_SUFFIXES)} files, or folders holding them"

Item = RawDocument | DocumentFailure


def iter_documents(paths: Sequence[str | Path], settings: IngestSettings) -> Iterator[Item]:
    """Yield a document or a failure for every input found under ``paths``, in order."""
    if isinstance(paths, (str, bytes)):
        raise TypeError("iter_documents() takes a sequence of paths, not one path; wrap it in a list")
    for file, named in iter_input_files(paths):
        yield from read_path(file, settings, named=named)


def iter_input_files(paths: Sequence[str | Path]) -> Iterator[tuple[Path, bool]]:
    """Each file ``paths`` stand for, in order, and whether it was named (not found in a folder)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in walk_folder(path):
                yield file, False
        else:
            yield path, True


def read_path(path: Path, settings: IngestSettings, *, named: bool) -> Iterator[Item]:
    """The documents of one file: ``named`` when it was given as a path, not found in a folder.

    A file found in a folder is known to be a document file; a named path that is
    missing, not a file or of another type yields a failure saying so.
    """
    return _read_named_file(path, settings) if named else _read_file(path, settings)


def walk_folder(folder: Path) -> Iterator[Path]:
    """Yield the document files under ``folder`` sorted by path, as ``find | sort`` lists them."""
    found = [
        Path(root, name) for root, _, names in os.walk(folder, onerror=_log_walk_error) for name in names
    ]
    # Sorting by path components keeps a folder's files together ("a/b" before "a-b").
    for path in sorted(found, key=lambda p: p.relative_to(folder).parts):
        if document_kind(path) is None:
            logger.debug("skipping %s: not one of %s", path, ", ".join(ACCEPTED_SUFFIXES))
        else:
            yield path


def _read_named_file(path: Path, settings: IngestSettings) -> Iterator[Item]:
    """A path given explicitly: unlike in a folder, one that cannot be read is reported."""
    if not path.exists():
        problem = "no such file or folder"
    elif not path.is_file():
        problem = "not a regular file or folder"
    elif is_sidecar(path):
        problem = f"a {SIDECAR_SUFFIX} file is the metadata sidecar of a document, not a document"
    elif document_kind(path) is None:
        problem = f"unsupported file type {path.suffix or '(no extension)'!r}"
    else:
        yield from _read_file(path, settings)
        return
    error = UnsupportedInputError(f"{path}: {problem}; {_ACCEPTED}")
    yield DocumentFailure(doc=path.name or str(path), origin=str(path), error=str(error))


def _read_file(path: Path, settings: IngestSettings) -> Iterator[Item]:
    kind = document_kind(path)
    if kind == "jsonl":
        yield from iter_jsonl(path, settings)
    elif kind == "warc":
        yield from iter_warc(path, settings)
    elif kind == "html":
        yield _attempt(read_html_document, path, settings)
    else:
        yield _attempt(read_text_document, path, settings)


def read_text_document(path: Path, settings: IngestSettings) -> RawDocument:
    """A ``.txt`` file: its text exactly as decoded, metadata from its sidecar."""
    text = read_text_file(path, settings)
    meta = read_sidecar(path, settings)
    return storable_document(
        RawDocument(doc=path.name, text=text, origin=str(path), format="text", meta=meta)
    )


def read_html_document(path: Path, settings: IngestSettings) -> RawDocument:
    """An HTML file: trafilatura's article text; the sidecar's metadata wins over the page's."""
    markup = read_text_file(path, settings)
    article = extract_html(markup, where=str(path))
    meta = merge_meta(read_sidecar(path, settings), article.meta)
    raw = RawDocument(doc=path.name, text=article.text, origin=str(path), format="html", meta=meta)
    return storable_document(raw)


def _attempt(
    read: Callable[[Path, IngestSettings], RawDocument], path: Path, settings: IngestSettings
) -> Item:
    try:
        return read(path, settings)
    except InputError as exc:
        logger.debug("%s", exc)
        return DocumentFailure(doc=path.name, origin=str(path), error=str(exc))


def document_kind(path: Path) -> str | None:
    """``"text"``, ``"html"``, ``"jsonl"``, ``"warc"``, or ``None`` for a file that is not a document."""
    suffix = path.suffix.lower()
    if is_sidecar(path):
        return None
    if is_warc(path):
        return "warc"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "jsonl" if suffix in JSONL_SUFFIXES else None


def _log_walk_error(error: OSError) -> None:
    logger.warning("cannot read folder %s: %s", error.filename, error.strerror)
