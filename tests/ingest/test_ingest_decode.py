"""read_text_file: exact decoding, encodings, and each kind of bad bytes."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from claimtrail.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
)
from claimtrail.ingest import read_text_file
from claimtrail.settings import IngestSettings

SETTINGS = IngestSettings()

# A smallest valid PNG (1x1 pixel): real binary data with a text-like header.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5f6d2d40000000049454e44ae426082"
)

NEWS_EN = (
    "North Korea sending more troops to Russia for Ukraine war: Seoul\n"
    "SEOUL: North Korea will send more troops to Russia to assist in its war against Ukraine, "
    "possibly as early as July, a South Korean lawmaker said on Thursday \u2013 citing information "
    "from Seoul\u2019s spy agency.\n"
    "\u201cNorth Korea is continuing to send troops and supply weapons to Russia,\u201d the lawmaker "
    "told reporters at a café near the National Assembly.\n"
    "About 11,000 personnel were deployed last year, and a further 6,000 military builders and "
    "sappers would follow, officials said. The envoy\u2019s résumé includes postings in Paris and Genève.\n"
)

NEWS_JA = (
    "北朝鮮はロシアに追加の部隊を派遣すると、韓国の議員が木曜日に述べた。"
    "情報機関によると、約一万一千人の兵士がすでに派遣されている。\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text_is_returned_exactly_with_offsets_preserved(tmp_path: Path) -> None:
    original = "  Title\r\n\r\nSEOUL \u2013 “11,000 troops” 🇰🇷\tdeployed,\rsaid Lee.\n\n  \n"
    raw = original.encode("utf-8")
    text = read_text_file(write(tmp_path, "a.txt", raw), SETTINGS)

    # Newlines are read as Python's text mode reads them (the scorer's reading).
    as_text_mode = write(tmp_path, "b.txt", raw).read_text(encoding="utf-8")
    assert text == as_text_mode == original.replace("\r\n", "\n").replace("\r", "\n")
    start = text.index("11,000 troops")
    end = start + len("11,000 troops")
    assert as_text_mode[start:end] == "11,000 troops"


def test_utf8_bom_is_dropped_and_offsets_count_from_after_it(tmp_path: Path) -> None:
    body = "Seoul said 11,000 troops.\n"
    text = read_text_file(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + body.encode()), SETTINGS)
    assert text == body
    assert text[11:24] == "11,000 troops"


@pytest.mark.parametrize(
    ("codec", "original"),
    [
        ("cp1252", NEWS_EN),
        ("shift_jis", NEWS_JA),
        ("utf-16", NEWS_EN),  # with a byte-order mark, which is dropped
    ],
)
def test_other_encodings_are_decoded_by_charset_normalizer(tmp_path: Path, codec: str, original: str) -> None:
    path = write(tmp_path, f"{codec}.txt", original.encode(codec))
    assert read_text_file(path, SETTINGS) == original


def test_cp1252_file_is_not_utf8_but_reads_as_cafe(tmp_path: Path) -> None:
    raw = NEWS_EN.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "café near the National Assembly" in read_text_file(write(tmp_path, "c.txt", raw), SETTINGS)


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \n\t\r\n  ", "\n \n".encode("utf-16")],
    ids=["empty", "whitespace", "utf16-whitespace"],
)
def test_empty_or_whitespace_file_is_refused(tmp_path: Path, raw: bytes) -> None:
    path = write(tmp_path, "empty.txt", raw)
    with pytest.raises(EmptyInputError, match="empty or holds only whitespace"):
        read_text_file(path, SETTINGS)


@pytest.mark.parametrize(
    "raw",
    [
        PNG_BYTES,
        random.Random(7).randbytes(4096),
        b"\x00" * 64,
        ("valid UTF-8 with control bytes \x01\x02\x03\x04 " * 20).encode(),
    ],
    ids=["png", "random", "nul-only", "utf8-controls"],
)
def test_binary_data_is_refused(tmp_path: Path, raw: bytes) -> None:
    path = write(tmp_path, "image.txt", raw)
    with pytest.raises(BinaryInputError, match="binary data, not text"):
        read_text_file(path, SETTINGS)


def test_a_stray_control_byte_in_long_text_is_tolerated(tmp_path: Path) -> None:
    original = NEWS_EN * 5 + "\x00" + NEWS_EN * 5
    assert read_text_file(write(tmp_path, "stray.txt", original.encode()), SETTINGS) == original


def test_control_ratio_follows_the_settings(tmp_path: Path) -> None:
    original = "a" * 90 + "\x01" * 10  # 10 % control characters
    path = write(tmp_path, "ten.txt", original.encode())
    with pytest.raises(BinaryInputError):
        read_text_file(path, SETTINGS)
    assert read_text_file(path, IngestSettings(max_control_ratio=0.2)) == original


def test_bytes_no_encoding_fits_are_a_decode_error(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.txt", bytes(range(0x80, 0x100)) * 8)
    with pytest.raises(DecodeError, match="encoding cannot be determined.*UTF-8"):
        read_text_file(path, SETTINGS)


def test_file_over_the_default_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.write(b"North Korea will send more troops.\n")
        file.truncate(50_000_000)  # sparse: 50 MB on paper, instant to create
    with pytest.raises(InputTooLargeError, match=r"50,000,000 bytes .*max_document_bytes = 20,000,000"):
        read_text_file(path, SETTINGS)


def test_limit_comes_from_the_settings(tmp_path: Path) -> None:
    small = IngestSettings(max_document_bytes=100)
    assert read_text_file(write(tmp_path, "fits.txt", b"x" * 100), small) == "x" * 100
    with pytest.raises(InputTooLargeError, match="101 bytes"):
        read_text_file(write(tmp_path, "over.txt", b"x" * 101), small)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        read_text_file(tmp_path / "nope.txt", SETTINGS)
