"""Bytes to text: size limit, empty and binary checks, UTF-8 first, charset-normalizer second.

    >>> text = read_text_file("001_33aced630bfce5d4.txt", IngestSettings())
    >>> text[1:12]
    'North Korea'

The text returned is the bytes decoded with newlines translated as Python's text
mode does ("\r\n" and "\r" become "\n", so offsets agree with ``Path.read_text()``,
which the scorer uses) and nothing else: no stripping. A byte-order mark is
dropped, and offsets count from after it.

Text policy: a NUL or a lone UTF-16 surrogate in a document (its text, name,
origin or metadata) is replaced one for one by U+FFFD (:func:`storable_document`),
so every offset still indexes the text as given; the replacement is logged.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import charset_normalizer

from ..errors import BinaryInputError, DecodeError, EmptyInputError, InputError, InputTooLargeError
from ..models import DocumentMeta, RawDocument
from ..settings import IngestSettings

logger = logging.getLogger(__name__)

# C0 and C1 control characters, less the whitespace ones (tab, LF, VT, FF, CR) that
# real text holds. Any other share above ingest.max_control_ratio means binary data.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# The same for raw bytes, used only when no encoding fits; 0x80-0x9f are excluded
# because they are printable in cp1252 and continuation bytes in UTF-8.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])

_SAVE_AS_UTF8 = "save it as UTF-8 text"

# Characters no ledger or output can hold: NUL (PostgreSQL text refuses it, and
# SQLite's JSON functions cut a string at it, dropping claims from facts) and lone
# UTF-16 surrogates (a "\ud800" JSON escape, or a file name that is not UTF-8:
# they have no UTF-8 encoding, so the text can be neither hashed, stored nor
# written). Both are encoding damage, which is what U+FFFD stands for; replacing
# them one for one keeps every offset, and refusing the document instead would
# lose all its claims for one unreadable character. (A JSON surrogate *pair* is
# one character once parsed, so only lone halves match.)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT_CHAR = "\ufffd"


def read_text_file(path: str | Path, settings: IngestSettings) -> str:
    """Return the decoded text of the file at ``path``.

    Raises :class:`InputTooLargeError` (checked on the file's size before reading),
    :class:`EmptyInputError`, :class:`BinaryInputError` or :class:`DecodeError`.
    """
    file = Path(path)
    data = read_bytes(file, settings.max_document_bytes)
    return decode_bytes(data, where=str(file), settings=settings)


def read_bytes(path: Path, limit: int) -> bytes:
    """Return the bytes of ``path``, refusing a file of more than ``limit`` bytes unread."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputTooLargeError(_too_large(str(path), size, limit))
        with path.open("rb") as file:
            # One byte past the limit tells a file that grew since stat() from one that fits.
            data = file.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); expected a readable file") from exc
    if len(data) > limit:
        raise InputTooLargeError(_too_large(str(path), len(data), limit))
    return data


def decode_bytes(data: bytes, *, where: str, settings: IngestSettings) -> str:
    """Decode ``data`` (named ``where`` in messages) and check that it is text."""
    if not data.strip():
        raise EmptyInputError(_empty(where))
    text = _decode(data, where=where, settings=settings)
    check_text(text, where=where, settings=settings)
    return translate_newlines(text)


def translate_newlines(text: str) -> str:
    """Newlines as Python's universal-newline text mode reads them."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def check_text(text: str, *, where: str, settings: IngestSettings) -> None:
    """Raise unless ``text`` holds something besides whitespace and few control characters."""
    if not text.strip():
        raise EmptyInputError(_empty(where))
    _, controls = _CONTROL_CHARS.subn("", text)
    ratio = controls / len(text)
    if ratio > settings.max_control_ratio:
        raise BinaryInputError(_binary(where, ratio, settings.max_control_ratio))


def replace_unstorable(text: str) -> str:
    """``text`` with each NUL and lone surrogate replaced by U+FFFD: same length, same offsets."""
    return _UNSTORABLE.sub(REPLACEMENT_CHAR, text)


def storable_document(raw: RawDocument) -> RawDocument:
    """``raw`` with NUL and lone surrogates replaced (see :func:`replace_unstorable`) in every string.

    Call it after the binary check (:func:`check_text` counts NUL as a control character).
    """
    meta = raw.meta
    strings = (raw.doc, raw.text, raw.origin, meta.url, meta.outlet, meta.title, meta.language)
    found = sum(len(_UNSTORABLE.findall(s)) for s in strings if s is not None)
    if not found:
        return raw
    logger.warning(
        "%s: replaced %d NUL or lone surrogate character(s) with U+FFFD (offsets are unchanged)",
        replace_unstorable(raw.origin),
        found,
    )
    return RawDocument(
        doc=replace_unstorable(raw.doc),
        text=replace_unstorable(raw.text),
        origin=replace_unstorable(raw.origin),
        format=raw.format,
        meta=DocumentMeta(
            url=_replace_optional(meta.url),
            published=meta.published,
            outlet=_replace_optional(meta.outlet),
            title=_replace_optional(meta.title),
            language=_replace_optional(meta.language),
        ),
    )


def _replace_optional(value: str | None) -> str | None:
    return None if value is None else replace_unstorable(value)


def _decode(data: bytes, *, where: str, settings: IngestSettings) -> str:
    # 1. UTF-8, the encoding of nearly everything scraped today.
    codec = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    # 2. Any other encoding, as charset-normalizer ranks them (it reads BOMs and
    #    declared charsets too); guessing encodings by hand is a losing game.
    match = charset_normalizer.from_bytes(data).best()
    if match is not None:
        logger.info("%s is not UTF-8; decoded as %s (charset-normalizer)", where, match.encoding)
        return str(match)
    # 3. No encoding fits: either binary data or text nobody can read.
    controls = len(data) - len(data.translate(None, delete=_CONTROL_BYTES))
    ratio = controls / len(data)
    if ratio > settings.max_control_ratio:
        raise BinaryInputError(_binary(where, ratio, settings.max_control_ratio))
    raise DecodeError(
        f"{where}: the text encoding cannot be determined (not UTF-8, and charset-normalizer "
        f"found no encoding that fits); {_SAVE_AS_UTF8}"
    )


def _empty(where: str) -> str:
    return f"{where}: the document is empty or holds only whitespace; expected article text"


def _binary(where: str, ratio: float, limit: float) -> str:
    return (
        f"{where}: looks like binary data, not text ({ratio:.1%} control characters, more than "
        f"ingest.max_control_ratio = {limit:.1%}); expected text, HTML or JSON Lines"
    )


def _too_large(where: str, size: int, limit: int) -> str:
    return (
        f"{where}: {size:,} bytes is larger than ingest.max_document_bytes = {limit:,}; "
        "split the input or raise the limit in a settings file"
    )


def decode_page(data: bytes, charset: str | None, *, where: str, settings: IngestSettings) -> str:
    """A web page's body as text: UTF-8 if it is valid UTF-8, else ``charset`` (the HTTP header's), else a guess."""
    if len(data) > settings.max_document_bytes:
        raise InputTooLargeError(
            f"{where}: the page is larger than ingest.max_document_bytes = {settings.max_document_bytes:,} "
            "bytes; raise the limit in a settings file to read it"
        )
    # Valid UTF-8 is almost never anything else, while declared charsets are often wrong.
    if charset is not None and not _is_utf8(data):
        try:
            text = data.decode(codecs.lookup(charset).name)
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: the declared charset %r does not decode the page", where, charset)
        else:
            check_text(text, where=where, settings=settings)
            return translate_newlines(text)
    return decode_bytes(data, where=where, settings=settings)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
