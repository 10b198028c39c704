"""Bytes to text: size limit, empty and binary checks, UTF-8 first, charset-normalizer second.

    >>> text = read_text_file("001_33aced630bfce5d4.txt", IngestSettings())
    >>> text[1:12]
    'North Korea'

The text returned is the bytes decoded with newlines translated as Python's text
mode does ("\r\n" and "\r" become "\n", so offsets agree with ``Path.read_text()``,
which the scorer uses) and nothing else: no stripping. A byte-order mark is
dropped, and offsets count from after it.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import charset_normalizer

from ..errors import BinaryInputError, DecodeError, EmptyInputError, InputError, InputTooLargeError
from ..settings import IngestSettings

logger = logging.getLogger(__name__)

# C0 and C1 control characters, less the whitespace ones (tab, LF, VT, FF, CR) that
# real text holds. Any other share above ingest.max_control_ratio means binary data.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# The same for raw bytes, used only when no encoding fits; 0x80-0x9f are excluded
# because they are printable in cp1252 and continuation bytes in UTF-8.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])

_SAVE_AS_UTF8 = "save it as UTF-8 text"


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
