"""Fuzz the real ``claimtrail`` CLI with generated and mutated documents, and check its contracts.

    $ .venv/bin/python bench/fuzz.py                          # 10,000 inputs, seed 0
    $ .venv/bin/python bench/fuzz.py --count 300 --jobs 2     # a couple of minutes on 2 cores
    $ .venv/bin/python bench/fuzz.py --count 2000 --seed 7 --out fuzz-out --timeout-s 10

Inputs come from families of bad and odd documents (``FAMILIES``): random bytes,
invalid UTF-8, UTF-16/32, NULs, empty and whitespace files, 10 MB lines,
100,000-deep HTML, broken JSON Lines (deep nesting, lone surrogate escapes,
NaN, bad types), broken ``.meta.json`` sidecars, odd digits and separators
(Arabic-Indic, full-width, thin spaces, apostrophes, "1.234.567,89"), huge
figures, U+2028/U+0085 inside text, pages mutated from the repository's own
``samples/`` (and ``../shared/seeds`` when present: read at run time only) by
byte flips, truncation, splicing and duplication, and corrupt ``.warc.gz`` files
(when warcio is importable). The first inputs cover every family once; the rest
are drawn by weight.

They are written in batches of files, and each batch is run through the CLI as a
process, as a user runs it::

    python -m claimtrail.cli extract BATCH -o out.jsonl
    python -m claimtrail.cli ingest BATCH --db ledger.db     (one batch in INGEST_EVERY)

A run is classified by exit code: 0 ok, 1 some documents failed, anything else,
or a traceback nobody caught on stderr, is an **aborted** run. A traceback the
pipeline logged while it failed one document ("internal error") is a bug too,
counted apart. Then:

* every document of the batch (as ``claimtrail.ingest.iter_documents`` reads it,
  in a helper process) must be in the output or named in a failure line on
  stderr; one that is neither is **lost**;
* every output line must be strict JSON (no NaN/Infinity) with no raw U+2028,
  U+2029 or U+0085; every claim's ``span`` must index the document's text so
  that ``text[span[0]:span[1]] == claim["text"]``; ``low <= high`` where both
  are set: a break of any of these is a **contract violation**;
* documents the batch run was slow on (no progress for ``--timeout-s``) or
  aborted on are rerun one file at a time in a timing worker (the library, the
  model loaded once, one article per spaCy batch): one that takes more than
  ``--timeout-s`` is a **hang**, and one that raises shows which input crashed.

It prints a summary (inputs, batches, aborted runs, documents lost, hangs,
contract violations, peak RSS of the child processes, wall time) and the first
examples of each problem, whose input files are kept under ``--out`` for
reproduction. Exit status: 0 when every problem count is 0, 1 otherwise
(2: bad options).
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import io
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty, Queue
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "samples"
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"

DEFAULT_COUNT = 10_000
DEFAULT_SEED = 0
# The bound: a document that takes longer than this is a hang.
DEFAULT_TIMEOUT_S = 10.0
# Files per batch: the spaCy model loads once per CLI process (about 3 s), so big
# batches keep that out of the run time; 250 small documents take about as long.
BATCH_FILES = 250
# Inputs larger than this (10 MB lines, 100,000-deep HTML) go to batches of their
# own of HEAVY_BATCH_FILES, so that a slow one does not hold back 249 others.
HEAVY_BYTES = 1_000_000
HEAVY_BATCH_FILES = 4
# A batch process may take this long to start (load spaCy) on 2 busy cores ...
STARTUP_ALLOWANCE_S = 60.0
# ... plus this much per file before it is killed as hung: 20x what a small
# document takes, so only a real stall reaches it.
BATCH_SECONDS_PER_FILE = 2.0
# One batch in this many is also ingested into a fresh SQLite ledger (ingest
# repeats extraction, so doing it for all would double the run time).
INGEST_EVERY = 4
# The helper that lists a batch's documents with their texts (ingest only).
ENUMERATE_TIMEOUT_S = 600.0
# The pipeline hands spaCy this many articles at once (settings nlp.articles_per_batch),
# so results come in groups: a stall implicates the next group, with slack.
SUSPECT_WINDOW_DOCS = 40
# Examples of each problem printed (all are counted).
MAX_EXAMPLES = 5
# Runs of a batch again without the inputs that made it abort: enough to reach the
# inputs after a few crashing ones, few enough that a batch of crashes ends.
MAX_RESUMES = 3
# How often the batch monitor looks at the output and stderr files.
POLL_S = 0.2

# Families of generated input and their weights once each has appeared once.
# Heavy families (10 MB, 100,000-deep) are rare: each costs seconds to minutes.
HUGE_LINE_BYTES = 10_000_000
DEEP_HTML_LEVELS = 100_000
DEEP_JSON_LEVELS = 100_000
RAW_SEPARATORS = ("\u2028", "\u2029", "\u0085")

PROBLEM_KINDS = ("aborted", "crash", "internal", "lost", "hang", "contract")


# --------------------------------------------------------------------------- text generators

ACTORS = (
    "the Interior Ministry",
    "Veloria's health office",
    "local officials",
    "the Red Lantern Society",
    "police",
    "the Tessa river authority",
    "a UN agency",
    "rescuers",
    "the mayor of Port Aldric",
)
VERBS = ("killed", "injured", "displaced", "evacuated", "missing", "arrested", "dead", "wounded")
COUNTED = ("people", "troops", "residents", "children", "migrants", "protesters", "houses", "villages")
PLACES = ("Orvena province", "Port Aldric", "the northern valleys", "Tessa", "Kalmar district")
WHEN = ("on Monday", "last week", "on 10 March 2025", "since Sunday", "in 2024", "yesterday", "")
SAID = ("said", "reported", "told reporters", "claimed", "estimated", "according to")
HEDGES = ("at least", "more than", "about", "up to", "nearly", "some", "an estimated", "between", "")
WORD_NUMBERS = (
    "twenty-seven",
    "a dozen",
    "hundreds of",
    "two million",
    "one",
    "zero",
    "a thousand",
    "nine hundred and ninety-nine",
)

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EXT_ARABIC_INDIC = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
MATH_BOLD = str.maketrans("0123456789", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗")


def group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def odd_number(rng: random.Random) -> str:
    """A figure written in one of many forms seen (or not) in scraped news."""
    n = rng.choice((rng.randint(0, 99), rng.randint(100, 99_999), rng.randint(100_000, 10**9)))
    forms: list[Callable[[], str]] = [
        lambda: str(n),
        lambda: f"{n:,}",
        lambda: group(n, "\u2009"),  # thin space
        lambda: group(n, "\u202f"),  # narrow no-break space
        lambda: group(n, "\u00a0"),
        lambda: group(n, "'"),
        lambda: group(n, "\u2019"),
        lambda: group(n, ".") + f",{rng.randint(0, 99):02d}",  # 1.234.567,89
        lambda: group(n, " "),
        lambda: str(n).translate(ARABIC_INDIC),
        lambda: group(n, "\u066c").translate(ARABIC_INDIC),  # Arabic thousands separator
        lambda: str(n).translate(EXT_ARABIC_INDIC),
        lambda: f"{n:,}".translate(FULL_WIDTH),
        lambda: str(n).translate(DEVANAGARI),
        lambda: str(n).translate(MATH_BOLD),
        lambda: f"{n / 1000:.1f}k",
        lambda: f"{rng.randint(1, 999)}.{rng.randint(0, 9)} million",
        lambda: f"{rng.randint(1, 9)}{rng.choice(('e6', 'E3', 'e308', 'e999'))}",
        lambda: rng.choice(
            (
                "10,000,000,000,000,000,000",
                "9223372036854775808",
                "18446744073709551616",
                "1" + "0" * rng.randint(19, 400),
                "99,999,999,999,999,999,999,999",
            )
        ),
        lambda: f"{rng.randint(1, 50)}-{rng.randint(1, 50)}",  # a range, maybe backwards
        lambda: f"{rng.randint(1, 9)}\u2013{rng.randint(1, 9)}0",
        lambda: f"{n}\u00bd",
        lambda: f"-{n}",
        lambda: f"{n}%",
        lambda: f"{n:,}".replace(",", ",\u200b"),  # zero-width space inside
        lambda: rng.choice(WORD_NUMBERS),
        lambda: f"{n}²",
        lambda: f"{n:,}.{rng.randint(0, 999):03d}",
        lambda: f"0{n}",
        lambda: f"{n},",
        lambda: ",".join(str(rng.randint(0, 999)) for _ in range(rng.randint(2, 8))),
    ]
    return rng.choice(forms)()


def sentence(rng: random.Random) -> str:
    """A news-like sentence stating a figure, with the figure in an odd form now and then."""
    hedge = rng.choice(HEDGES)
    number = odd_number(rng)
    figure = f"between {number} and {odd_number(rng)}" if hedge == "between" else f"{hedge} {number}".strip()
    actor, said, counted, verb = rng.choice(ACTORS), rng.choice(SAID), rng.choice(COUNTED), rng.choice(VERBS)
    place, when = rng.choice(PLACES), rng.choice(WHEN)
    shapes = (
        f"{actor.capitalize()} {said} {figure} {counted} were {verb} in {place} {when}.",
        f"Floods have {verb} {figure} {counted} {when}, {actor} {said}.",
        f"The death toll rose to {figure} {when}, up from {odd_number(rng)}.",
        f"\u201c{figure.capitalize()} {counted} are {verb},\u201d {actor} {said}.",
        f"{figure} {verb}",
    )
    return re.sub(r" +", " ", rng.choice(shapes))


def article_text(rng: random.Random, paragraphs: int | None = None) -> str:
    title = f"{rng.choice(PLACES)} floods: {odd_number(rng)} {rng.choice(VERBS)}"
    byline = f"By Staff | {rng.randint(1, 28)} March 2025"
    body = [
        " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
        for _ in range(paragraphs if paragraphs is not None else rng.randint(1, 6))
    ]
    return "\n\n".join([title, byline, *body]) + "\n"


def sample_texts() -> list[str]:
    """The repository's invented sample articles, and the shared seeds when present (read only)."""
    texts = []
    for folder in (SAMPLES_DIR, SEEDS_DIR):
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.html")):
                texts.append(path.read_text("utf-8", errors="replace"))
    jsonl = SAMPLES_DIR / "06_wire_roundup.jsonl"
    if jsonl.is_file():
        for line in jsonl.read_text("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append(record.get("text") or record.get("html") or "")
    return [t for t in texts if t]


# --------------------------------------------------------------------------- families

Files = dict[str, bytes]  # file name (suffix matters) -> content; a case is one document file + sidecar


@dataclass
class Corpus:
    rng: random.Random
    samples: list[str]

    def text(self) -> str:
        if self.samples and self.rng.random() < 0.5:
            return self.rng.choice(self.samples)
        return article_text(self.rng)


def fam_random_bytes(c: Corpus) -> Files:
    n = c.rng.choice((1, 16, 512, 4096, 65536))
    return {".txt": c.rng.randbytes(n)}


def fam_invalid_utf8(c: Corpus) -> Files:
    data = bytearray(c.text().encode("utf-8"))
    for _ in range(c.rng.randint(1, 20)):
        pos = c.rng.randrange(len(data) + 1)
        data[pos:pos] = c.rng.choice(
            (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x82", b"\x80\x80", b"\xf8\x88")
        )
    return {c.rng.choice((".txt", ".txt", ".html")): bytes(data)}


def fam_utf16(c: Corpus) -> Files:
    text = c.text()
    encoding = c.rng.choice(
        ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig", "cp1252", "shift_jis")
    )
    data = text.encode(encoding, errors="replace")
    if c.rng.random() < 0.3:
        data = data[: c.rng.randrange(1, len(data) + 1)]  # odd byte count
    return {c.rng.choice((".txt", ".html")): data}


def fam_nuls(c: Corpus) -> Files:
    text = c.text()
    count = c.rng.choice((1, 3, len(text) // 200 + 1, len(text) // 20 + 1))
    chars = list(text)
    for _ in range(count):
        chars.insert(c.rng.randrange(len(chars) + 1), c.rng.choice(("\x00", "\x00", "\x01", "\x1b", "\x7f")))
    return {".txt": "".join(chars).encode("utf-8")}


def fam_empty(c: Corpus) -> Files:
    data = c.rng.choice(
        (
            b"",
            b" ",
            b"\n\n\n",
            b"\t \r\n",
            "\u3000\u00a0\u2028\n".encode(),
            codecs.BOM_UTF8,
            codecs.BOM_UTF8 + b"  \n",
            b"\x00",
            "\ufeff\ufeff".encode(),
            b"\r\r\r",
        )
    )
    return {c.rng.choice((".txt", ".html", ".jsonl")): data}


def fam_huge_line(c: Corpus) -> Files:
    unit = (sentence(c.rng) + " ").encode("utf-8")
    kind = c.rng.choice(("sentence", "words", "digits"))
    if kind == "words":
        unit = b"flood " * 20
    elif kind == "digits":
        unit = b"1234567890"
    line = (unit * (HUGE_LINE_BYTES // len(unit) + 1))[:HUGE_LINE_BYTES]
    if c.rng.random() < 0.5:
        record = json.dumps({"id": "huge", "text": line.decode("utf-8", "ignore")}).encode()
        return {
            ".jsonl": b'{"id": "small", "text": "Floods killed 27 people, police said."}\n' + record + b"\n"
        }
    return {".txt": b"A headline\n\n" + line + b"\n"}


def fam_deep_html(c: Corpus) -> Files:
    tag = c.rng.choice(("div", "span", "b", "p", "table", "ul"))
    levels = c.rng.choice((DEEP_HTML_LEVELS, 10_000, 1_000))
    para = f"<p>{sentence(c.rng)}</p>"
    closing = f"</{tag}>" * levels if c.rng.random() < 0.5 else ""
    page = (
        f"<html><head><title>Deep</title></head><body>{f'<{tag}>' * levels}{para * 3}{closing}</body></html>"
    )
    return {".html": page.encode("utf-8")}


def fam_html(c: Corpus) -> Files:
    """An article page, broken in one of many ways."""
    paras = "".join(f"<p>{sentence(c.rng)}</p>" for _ in range(c.rng.randint(1, 8)))
    breakage = c.rng.choice(
        (
            "",
            "<p>unclosed <b><i>",
            "&#xD800; &#0; &#x2028; &#1114112; &#xFFFE;",
            "<script>" + "x" * 10000,
            "<meta charset='shift_jis'>",
            "<![CDATA[ 12 ]]>",
            "<!-- " + "-" * 5000,
            "\u2028\u0085\u2029",
            "<table><tr><td>12</td><td>13</td></tr></table>",
            "<svg><text>5 dead</text></svg>",
        )
    )
    page = (
        f"<!DOCTYPE html><html><head><title>{odd_number(c.rng)} dead</title>"
        f"<meta property='article:published_time' content='{c.rng.choice(('2025-03-10', '99999-1-1', 'x'))}'>"
        f"</head><body><article><h1>Floods</h1>{breakage}{paras}</article></body></html>"
    )
    return {c.rng.choice((".html", ".htm")): page.encode("utf-8")}


def _deep_json(rng: random.Random, levels: int) -> str:
    opener, closer = rng.choice((("[", "]"), ('{"a":', "}")))
    closed = rng.random() < 0.5
    return opener * levels + "1" + (closer * levels if closed else "")


def _record(c: Corpus, index: int) -> str:
    """One JSON Lines line: a good record or one of many bad ones."""
    good: dict[str, Any] = {
        "id": f"r{index}",
        "text": c.text(),
        "outlet": "Fuzz Wire",
        "published": "2025-03-10",
    }
    kind = c.rng.randrange(16)
    if kind == 0:
        return _deep_json(c.rng, c.rng.choice((DEEP_JSON_LEVELS, 5_000, 1_100)))
    if kind == 1:
        return '{"id": "s' + str(index) + '", "text": "Floods killed 27 people \\ud800 police said.\\udfff"}'
    if kind == 2:
        return json.dumps(good)[: c.rng.randrange(1, 60)]
    if kind == 3:
        return c.rng.choice(
            ("[]", "null", "12", '"text"', "NaN", "{}", '{"id": ""}', '{"id": 5, "text": "x"}')
        )
    if kind == 4:
        return (
            '{"id": "n'
            + str(index)
            + '", "text": "27 people were killed.", "published": NaN, "outlet": Infinity}'
        )
    if kind == 5:
        good["text"] = 12
        return json.dumps(good)
    if kind == 6:
        good["published"] = c.rng.choice(("2025-13-45", "0000-00-00", "1e999", "9999999999", "", "\u0661"))
        return json.dumps(good)
    if kind == 7:
        return json.dumps({"id": f"h{index}", "html": f"<p>{sentence(c.rng)}</p>" * 3}, ensure_ascii=False)
    if kind == 8:
        good["text"] = "\u2028".join(sentence(c.rng) for _ in range(4)) + "\u0085" + sentence(c.rng)
        return json.dumps(good, ensure_ascii=c.rng.random() < 0.5)
    if kind == 9:
        good["outlet"] = {"nested": [1, 2, {"deep": None}]}
        return json.dumps(good)
    if kind == 10:
        return json.dumps(good) + " trailing"
    if kind == 11:
        good["text"] = " ".join(sentence(c.rng) for _ in range(6))
        good["extra"] = 1e308 * 10 if c.rng.random() < 0.5 else 10**400
        return json.dumps(good)
    if kind == 12:
        good["id"] = c.rng.choice(("dup", "r0", "\u2028", "a\nb", "x" * 5000, "\ud83d"))
        return json.dumps(good)
    return json.dumps(good, ensure_ascii=c.rng.random() < 0.5)


def fam_jsonl(c: Corpus) -> Files:
    lines = [_record(c, i) for i in range(c.rng.randint(1, 12))]
    sep = c.rng.choice(("\n", "\n", "\r\n", "\n\n", "\r"))
    data = sep.join(lines).encode("utf-8", errors="surrogatepass")
    if c.rng.random() < 0.2:
        data = codecs.BOM_UTF8 + data
    if c.rng.random() < 0.2:
        pos = c.rng.randrange(len(data) + 1)
        data = data[:pos] + c.rng.choice((b"\xff\xfe", b"\x00", b"\n{", b'"')) + data[pos:]
    return {".jsonl": data}


def fam_sidecar(c: Corpus) -> Files:
    meta: Any = {
        "url": "https://news.example/a",
        "published": "2025-03-10",
        "outlet": "Fuzz Times",
        "title": "Floods",
        "language": "en",
    }
    kind = c.rng.randrange(8)
    if kind == 0:
        sidecar = _deep_json(c.rng, c.rng.choice((DEEP_JSON_LEVELS, 5_000, 1_100)))
    elif kind == 1:
        sidecar = '{"title": "Floods \\ud800 rise", "outlet": "\\udc00"}'
    elif kind == 2:
        sidecar = json.dumps(meta)[: c.rng.randrange(1, 40)]
    elif kind == 3:
        meta["published"] = c.rng.choice((12, None, [1], "2025-02-30", "३०२५-०३-१०", "1e999", NaN_TEXT))
        sidecar = json.dumps(meta)
    elif kind == 4:
        sidecar = c.rng.choice(("[]", "null", "", "  ", "NaN", '{"published": Infinity}'))
    elif kind == 5:
        meta["title"] = "A\u2028B\u0085C"
        sidecar = json.dumps(meta, ensure_ascii=False)
    elif kind == 6:
        meta["language"] = "x" * 10_000
        sidecar = json.dumps(meta)
    else:
        sidecar = json.dumps(meta)
    return {".txt": c.text().encode("utf-8"), ".meta.json": sidecar.encode("utf-8", errors="surrogatepass")}


NaN_TEXT = "NaN"


def fam_odd_digits(c: Corpus) -> Files:
    return {
        c.rng.choice((".txt", ".txt", ".html")): article_text(c.rng).encode("utf-8")
        if c.rng.random() < 0.7
        else f"<p>{article_text(c.rng)}</p>".encode()
    }


def fam_huge_numbers(c: Corpus) -> Files:
    figures = (
        "10,000,000,000,000,000,000",
        "9,223,372,036,854,775,808",
        "1" + "0" * 400,
        "1e308",
        "1.8e308",
        "99999999999999999999 million",
        "10,000,000,000,000,000,000 billion",
        "340282366920938463463374607431768211456",
        "1,000,000,000,000,000,000,000,000,000,000",
    )
    lines = [
        f"{c.rng.choice(ACTORS).capitalize()} said {c.rng.choice(HEDGES)} {c.rng.choice(figures)} "
        f"{c.rng.choice(COUNTED)} were {c.rng.choice(VERBS)} {c.rng.choice(WHEN)}."
        for _ in range(c.rng.randint(1, 5))
    ]
    return {".txt": ("Huge figures\n\n" + "\n\n".join(lines) + "\n").encode("utf-8")}


def fam_separators(c: Corpus) -> Files:
    sep = c.rng.choice(RAW_SEPARATORS + ("\u000b", "\u000c", "\u001c", "\u001e", "\u200b\u2028", "\r"))
    parts = [sentence(c.rng) for _ in range(c.rng.randint(2, 8))]
    text = sep.join(parts)
    if c.rng.random() < 0.5:  # inside a sentence too, and in a figure
        text = text.replace(" ", sep, c.rng.randint(1, 5))
    return {".txt": ("Title\n\n" + text + "\n").encode("utf-8")}


def _mutate(rng: random.Random, data: bytes, donors: list[bytes]) -> bytes:
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        if not data:
            data = rng.choice(donors)
        if op == 0:  # byte flips
            buf = bytearray(data)
            for _ in range(rng.randint(1, 30)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
            data = bytes(buf)
        elif op == 1:  # truncation
            data = data[: rng.randrange(len(data) + 1)]
        elif op == 2:  # splicing with another page
            other = rng.choice(donors)
            data = data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]
        elif op == 3:  # duplication of a chunk
            i = rng.randrange(len(data))
            j = min(len(data), i + rng.randint(1, 2000))
            data = data[:j] + data[i:j] * rng.randint(2, 50) + data[j:]
        elif op == 4:  # insert odd characters
            i = rng.randrange(len(data) + 1)
            data = (
                data[:i]
                + rng.choice(
                    (
                        "\u2028",
                        "\u0085",
                        "\x00",
                        "\ufeff",
                        "٣٤",
                        "１２",
                        "\u202e",
                        "\U0001f600",
                        "\u0301" * 50,
                    )
                ).encode()
                + data[i:]
            )
        else:  # delete a chunk
            i = rng.randrange(len(data))
            data = data[:i] + data[i + rng.randint(1, 500) :]
    return data


def fam_mutated(c: Corpus) -> Files:
    donors = [s.encode("utf-8") for s in c.samples] or [article_text(c.rng).encode()]
    page = c.rng.choice(donors)
    return {c.rng.choice((".txt", ".txt", ".html")): _mutate(c.rng, page, donors)}


def fam_mutated_jsonl(c: Corpus) -> Files:
    data = fam_jsonl(c)[".jsonl"]
    return {".jsonl": _mutate(c.rng, data, [data])}


def _warc_bytes(c: Corpus) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i in range(c.rng.randint(1, 5)):
        body = (
            f"<html><head><title>Floods {i}</title></head><body><article>"
            + "".join(f"<p>{sentence(c.rng)}</p>" for _ in range(3))
            + "</article></body></html>"
        )
        payload = body.encode(c.rng.choice(("utf-8", "utf-8", "utf-16", "latin-1")), errors="replace")
        ctype = c.rng.choice(
            (
                "text/html; charset=utf-8",
                "text/html",
                "text/html; charset=nonsense",
                "application/pdf",
                "text/html; charset=utf-16",
            )
        )
        status = c.rng.choice(("200 OK", "200 OK", "404 Not Found", "301 Moved"))
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        uri = c.rng.choice((f"https://news.example/{i}", "", "not a uri \u2028", "https://x/" + "a" * 3000))
        # A fixed date and an id from the seed: the same seed writes the same bytes.
        fixed = {
            "WARC-Date": "2025-03-10T08:00:00Z",
            "WARC-Record-ID": f"<urn:uuid:{c.rng.getrandbits(128):032x}>",
        }
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=headers, warc_headers_dict=fixed
        )
        writer.write_record(record)
    return out.getvalue()


def fam_warc(c: Corpus) -> Files:
    data = _warc_bytes(c)
    kind = c.rng.randrange(5)
    if kind == 1:
        data = data[: c.rng.randrange(len(data))]
    elif kind == 2:
        data = _mutate(c.rng, data, [data])
    elif kind == 3:
        raw = gzip.decompress(data)
        data = gzip.compress(_mutate(c.rng, raw, [raw]), mtime=0)
    elif kind == 4:
        data = gzip.compress(c.rng.randbytes(2000), mtime=0)
    return {".warc.gz": data}


FAMILIES: dict[str, tuple[Callable[[Corpus], Files], float]] = {
    "random_bytes": (fam_random_bytes, 4),
    "invalid_utf8": (fam_invalid_utf8, 6),
    "utf16": (fam_utf16, 5),
    "nuls": (fam_nuls, 5),
    "empty": (fam_empty, 3),
    "huge_line": (fam_huge_line, 0.1),
    "deep_html": (fam_deep_html, 0.5),
    "html": (fam_html, 8),
    "jsonl": (fam_jsonl, 10),
    "sidecar": (fam_sidecar, 6),
    "odd_digits": (fam_odd_digits, 20),
    "huge_numbers": (fam_huge_numbers, 6),
    "separators": (fam_separators, 6),
    "mutated": (fam_mutated, 15),
    "mutated_jsonl": (fam_mutated_jsonl, 4),
    "warc": (fam_warc, 3),
}


def warc_available() -> bool:
    try:
        import warcio  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Case:
    index: int
    family: str
    files: Files

    @property
    def stem(self) -> str:
        return f"{self.index:06d}_{self.family}"

    @property
    def main_name(self) -> str:
        suffix = next(s for s in self.files if s != ".meta.json")
        return self.stem + suffix

    @property
    def size(self) -> int:
        return sum(len(b) for b in self.files.values())

    def write(self, folder: Path) -> None:
        for suffix, data in self.files.items():
            (folder / (self.stem + suffix)).write_bytes(data)


def generate(count: int, seed: int) -> Iterator[Case]:
    rng = random.Random(seed)
    corpus = Corpus(rng, sample_texts())
    names = [n for n in FAMILIES if n != "warc" or warc_available()]
    weights = [FAMILIES[n][1] for n in names]
    for index in range(count):
        family = names[index] if index < len(names) else rng.choices(names, weights)[0]
        yield Case(index, family, FAMILIES[family][0](corpus))


def batches(cases: Iterator[Case]) -> Iterator[list[Case]]:
    light: list[Case] = []
    heavy: list[Case] = []
    for case in cases:
        pile, limit = (heavy, HEAVY_BATCH_FILES) if case.size > HEAVY_BYTES else (light, BATCH_FILES)
        pile.append(case)
        if len(pile) >= limit:
            yield list(pile)
            pile.clear()
    for pile in (light, heavy):
        if pile:
            yield list(pile)


# --------------------------------------------------------------------------- child processes

CHILD_ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}


def python_cmd(*args: str) -> list[str]:
    return [sys.executable, *args]


@dataclass
class ProcessRun:
    code: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float
    events: list[float]  # seconds since start of each output or stderr failure line
    max_rss_kib: int


def run_monitored(cmd: list[str], *, cwd: Path, timeout_s: float, output: Path | None) -> ProcessRun:
    """Run ``cmd`` with stdout/stderr to files, timing each line of ``output`` and each failure line."""
    tag = f"{os.getpid()}_{threading.get_ident()}"
    out_path, err_path = cwd / f"{tag}.stdout", cwd / f"{tag}.stderr"
    start = time.monotonic()
    events: list[float] = []
    watched = Tail(output) if output is not None else None
    failures = Tail(err_path, prefix=b"claimtrail: ")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=CHILD_ENV)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            now = time.monotonic() - start
            new = failures.new_lines() + (watched.new_lines() if watched else 0)
            events.extend([now] * new)
            if pid:
                code: int | None = os.waitstatus_to_exitcode(status)
                break
            if now > timeout_s:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                code = None
                break
            time.sleep(POLL_S)
        proc.returncode = -9 if code is None else code
    failures.close()
    if watched:
        watched.close()
    seconds = time.monotonic() - start
    stdout = out_path.read_text("utf-8", errors="replace")
    stderr = err_path.read_text("utf-8", errors="replace")
    out_path.unlink()
    err_path.unlink()
    return ProcessRun(code, stdout, stderr, seconds, events, usage.ru_maxrss)


class Tail:
    """Counts the complete lines appended to a file since the last call (those opening with ``prefix``)."""

    def __init__(self, path: Path, prefix: bytes = b"") -> None:
        self.path, self.prefix = path, prefix
        self.file: Any = None
        self.rest = b""

    def new_lines(self) -> int:
        if self.file is None:
            if not self.path.exists():
                return 0
            self.file = self.path.open("rb")
        data = self.rest + self.file.read()
        *lines, self.rest = data.split(b"\n")
        return sum(1 for line in lines if line.startswith(self.prefix))

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


# --------------------------------------------------------------------------- helper modes (child side)


def enumerate_mode(batch: Path) -> None:
    """Print one JSON line per document of ``batch`` as ingest reads it: the reference for checks."""
    # claimtrail as the environment gives it (PYTHONPATH or the install): the CLI runs the same.
    from claimtrail.ingest import read_path, walk_folder
    from claimtrail.models import DocumentFailure
    from claimtrail.settings import load_settings

    settings = load_settings().ingest
    out = sys.stdout
    for file in walk_folder(batch):
        try:
            for item in read_path(file, settings, named=False):
                row: dict[str, Any] = {"file": file.name, "doc": item.doc, "origin": item.origin}
                if isinstance(item, DocumentFailure):
                    row["failed"] = item.error[:300]
                else:
                    row["text"] = item.text
                out.write(json.dumps(row) + "\n")
        except BaseException:  # noqa: BLE001 - the crash is what we report
            out.write(json.dumps({"file": file.name, "crash": crash_key(traceback.format_exc())}) + "\n")
        out.flush()


def worker_mode(settings_path: Path) -> None:
    """Time each document of each file named on stdin (the library, one article per spaCy batch).

    Each stdin line is ``extract PATH`` or ``ingest PATH`` (into a fresh SQLite ledger in a
    temporary folder). Prints ``START name``, then ``DOC seconds`` per result, ``CRASH
    class|where|message`` when the library raised, and ``END name``.
    """
    # claimtrail as the environment gives it (PYTHONPATH or the install): the CLI runs the same.
    from claimtrail.api import extract_files
    from claimtrail.models import Document
    from claimtrail.nlp import load_model
    from claimtrail.pipeline import ingest_paths, open_ledger
    from claimtrail.settings import load_settings

    settings = load_settings(settings_path)
    model = load_model(settings.nlp.model)
    print("READY", flush=True)
    for line in sys.stdin:
        mode, _, name = line.rstrip("\n").partition(" ")
        path = Path(name)
        print(f"START {path.name}", flush=True)
        last = time.monotonic()

        def tick(_: object = None) -> None:
            nonlocal last
            now = time.monotonic()
            print(f"DOC {now - last:.3f}", flush=True)
            last = now

        try:
            if mode == "ingest":
                with (
                    tempfile.TemporaryDirectory() as folder,
                    open_ledger(str(Path(folder) / "ledger.db"), create=True) as store,
                ):
                    ingest_paths([path], store, settings, model, on_result=tick)
            else:
                for result in extract_files([path], settings=settings):
                    if isinstance(result, Document):
                        result.to_json_line().encode("utf-8")  # as the CLI writes it
                    tick()
        except BaseException:  # noqa: BLE001 - the crash is what we report
            print(f"CRASH {crash_key(traceback.format_exc())}", flush=True)
        print(f"END {path.name}", flush=True)


# --------------------------------------------------------------------------- checks

_TRACEBACK = "Traceback (most recent call last):"
_FRAME = re.compile(r'File "([^"]+)", line (\d+), in (\S+)')


def tracebacks(stderr: str) -> list[tuple[str, bool]]:
    """Each traceback on stderr as (text, contained): contained when the pipeline logged it at ERROR.

    A chained traceback ("During handling of the above exception ...") counts once, as its last part.
    """
    found: list[tuple[str, bool]] = []
    lines = stderr.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith(_TRACEBACK):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (lines[j].startswith((" ", "\t")) or lines[j].startswith("    ")):
            j += 1
        text = "\n".join(lines[i : j + 1])
        before = [line for line in lines[max(0, i - 3) : i] if line.strip()]
        chained = bool(before) and before[-1].startswith(("During handling", "The above exception"))
        if chained and found:
            found[-1] = (found[-1][0] + "\n" + text, found[-1][1])
        else:
            found.append((text, bool(before) and before[-1].startswith("ERROR ")))
        i = j + 1
    return found


def crash_key(trace: str) -> str:
    """``ExceptionType|innermost claimtrail frame|message``: the class of a crash."""
    lines = [line for line in trace.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else "?"
    name, _, message = last.partition(": ")
    where = "?"
    for match in _FRAME.finditer(trace):
        if "claimtrail" in match.group(1):
            where = f"{match.group(1).split('claimtrail/')[-1]}:{match.group(2)} {match.group(3)}"
    return f"{name}|{where}|{message[:120]}"


def jsonl_lines(path: Path) -> list[str]:
    """The lines of a JSON Lines file, split on newlines only, as a JSON Lines reader splits them.

    (``str.splitlines`` would also split on U+2028, U+0085 and others, which is the bug to find.)
    """
    text = path.read_text("utf-8", errors="surrogateescape")
    return [line for line in text.split("\n") if line]


def _reject_constant(name: str) -> None:
    raise ValueError(f"non-standard JSON constant {name}")


@dataclass
class Problem:
    kind: str  # one of PROBLEM_KINDS
    what: str
    case: str  # the input file's name
    batch: int


@dataclass
class Report:
    inputs: int = 0
    documents: int = 0
    batches: int = 0
    batch_runs: int = 0
    exit_codes: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    lost_to_aborts: int = 0
    peak_rss_kib: int = 0
    slowest_doc_s: float = 0.0
    reruns: int = 0
    kept_batches: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, what: str, case: str, batch: int) -> None:
        with self.lock:
            self.problems.append(Problem(kind, what, case, batch))

    def count(self, kind: str) -> int:
        return sum(1 for p in self.problems if p.kind == kind)


def check_output_line(line: str, texts: dict[str, list[str]]) -> tuple[str | None, list[str]]:
    """The document name of an output line and the contract violations found in it."""
    violations = []
    for sep in RAW_SEPARATORS:
        if sep in line:
            violations.append(f"raw U+{ord(sep):04X} in an output line")
    try:
        row = json.loads(line, parse_constant=_reject_constant)
    except ValueError as exc:
        return None, [*violations, f"invalid JSON output line ({exc})"]
    doc = row.get("doc")
    candidates = texts.get(doc, [])
    for claim in row.get("claims", []):
        span, text = claim.get("span"), claim.get("text")
        if candidates and not any(
            isinstance(span, list)
            and len(span) == 2
            and 0 <= span[0] <= span[1] <= len(t)
            and t[span[0] : span[1]] == text
            for t in candidates
        ):
            shown = candidates[0][span[0] : span[1]] if isinstance(span, list) and len(span) == 2 else None
            violations.append(f"span {span} gives {shown!r}, claim text is {text!r}")
        value = claim.get("value") or {}
        low, high = value.get("low"), value.get("high")
        if low is not None and high is not None and low > high:
            violations.append(f"low {low} > high {high} for {text!r}")
        for bound in (low, high):
            if isinstance(bound, float) and math.isnan(bound):
                violations.append(f"NaN bound for {text!r}")
    return doc, violations


@dataclass
class Expected:
    file: str
    doc: str
    origin: str
    text: str | None


def texts_by_doc(expected: list[Expected]) -> dict[str, list[str]]:
    """Each document name's texts: JSON Lines ids and WARC URIs may repeat across files of a batch."""
    texts: dict[str, list[str]] = {}
    for e in expected:
        if e.text is not None:
            texts.setdefault(e.doc, []).append(e.text)
    return texts


def named_in(stderr_lines: list[str], origin: str, path_line: str | None) -> bool:
    tokens = [f"{origin}:", f"{origin} "] + ([f"{path_line}:"] if path_line else [])
    return any(any(t in line for t in tokens) for line in stderr_lines)


# --------------------------------------------------------------------------- the run


@dataclass
class Options:
    count: int
    seed: int
    jobs: int
    out: Path
    timeout_s: float
    keep: bool


class Fuzzer:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.report = Report()
        self.work = Path(tempfile.mkdtemp(prefix="claimtrail-fuzz-"))
        self.cases_dir = options.out / "cases"
        self.cases_dir.mkdir(parents=True, exist_ok=True)
        self.stalled: set[int] = set()  # batches whose run was killed after its time limit
        self.worker_settings = self.work / "worker.toml"
        # One article per spaCy batch, so the time between results is one document's.
        self.worker_settings.write_text("[nlp]\narticles_per_batch = 1\n", "utf-8")

    def keep_case(self, batch_dir: Path, case: Case, label: str) -> str:
        target = self.cases_dir / label
        target.mkdir(parents=True, exist_ok=True)
        for suffix in case.files:
            src = batch_dir / (case.stem + suffix)
            if src.exists():
                shutil.copy2(src, target / src.name)
        return str(target / case.main_name)

    def run_batch(self, number: int, cases: list[Case]) -> None:
        """Run the batch through the CLI; after an abort, again without the inputs that crashed.

        The first run of each command on the whole batch is what a user meets; the
        resumed runs (at most MAX_RESUMES) reach the inputs after a crashing one.
        """
        batch_dir = self.work / f"batch_{number:04d}"
        docs_dir, quarantine = batch_dir / "in", batch_dir / "quarantine"
        docs_dir.mkdir(parents=True)
        quarantine.mkdir()
        for case in cases:
            case.write(docs_dir)
        by_name = {case.main_name: case for case in cases}
        commands = ("extract", "ingest") if number % INGEST_EVERY == 0 else ("extract",)
        limit = STARTUP_ALLOWANCE_S + BATCH_SECONDS_PER_FILE * len(cases)
        for attempt in range(MAX_RESUMES + 1):
            expected, read_crashes = self.enumerate(docs_dir)
            culprits = {file for file, _ in read_crashes}
            if attempt == 0:
                for file, message in read_crashes:
                    if file in by_name:
                        kept = self.keep_case(docs_dir, by_name[file], f"crash/{_slug(message)}")
                        self.report.add("crash", f"read: {message}", kept, number)
                with self.report.lock:
                    self.report.inputs += len(cases)
                    self.report.documents += len(expected)
                    self.report.batches += 1
            aborted, reruns = False, []
            for command in commands:
                suspects, failed = self.run_command(
                    command, number, attempt, batch_dir, by_name, expected, limit
                )
                aborted = aborted or failed
                reruns += [(command, name) for name in suspects]
            # Rerun the suspects one file at a time: which input crashed or hung on its own.
            found = self.rerun(
                number, docs_dir, [(mode, by_name[n]) for mode, n in sorted(reruns) if n in by_name]
            )
            culprits |= found
            stalled = number in self.stalled
            self.stalled.discard(number)
            if stalled and not found:
                self.report.add("hang", "the batch run was killed, yet no input is slow alone", "", number)
            if not (aborted or stalled):
                break
            if not culprits - {"?"}:
                # No single input crashed or hung on its own: keep the whole batch to reproduce it.
                with self.report.lock:
                    keep = self.report.kept_batches < MAX_EXAMPLES
                    self.report.kept_batches += keep
                if keep:
                    shutil.copytree(docs_dir, self.cases_dir / f"batch_{number:04d}", dirs_exist_ok=True)
                break
            for name in culprits - {"?"}:
                for suffix in by_name[name].files:
                    moved = docs_dir / (by_name[name].stem + suffix)
                    if moved.exists():
                        moved.rename(quarantine / moved.name)
        if not self.options.keep:
            shutil.rmtree(batch_dir, ignore_errors=True)

    def run_command(
        self,
        command: str,
        number: int,
        attempt: int,
        batch_dir: Path,
        by_name: dict[str, Case],
        expected: list[Expected],
        limit: float,
    ) -> tuple[set[str], bool]:
        """One CLI run on the batch: its suspects (files to rerun alone) and whether it aborted."""
        docs_dir = batch_dir / "in"
        output = batch_dir / "out.jsonl" if command == "extract" else None
        ledger = batch_dir / f"ledger{attempt}.db"
        args = ["-o", str(output)] if output is not None else ["--db", str(ledger)]
        if output is not None:
            output.unlink(missing_ok=True)  # the monitor counts its lines from the start
        run = run_monitored(
            python_cmd("-m", "claimtrail.cli", command, str(docs_dir), *args),
            cwd=batch_dir,
            timeout_s=limit,
            output=output,
        )
        label = command if attempt == 0 else f"{command} (resumed)"
        suspects, aborted = self.classify(
            number, label, run, docs_dir, by_name, expected, output, attempt == 0
        )
        if command == "ingest" and not aborted and run.code is not None:
            self.check_ledger(number, run, ledger, batch_dir, expected)
        return suspects, aborted

    def enumerate(self, docs_dir: Path) -> tuple[list[Expected], list[tuple[str, str]]]:
        done = subprocess.run(
            python_cmd(str(Path(__file__).resolve()), "--enumerate", str(docs_dir)),
            capture_output=True,
            timeout=ENUMERATE_TIMEOUT_S,
            env=CHILD_ENV,
            check=False,
        )
        expected, crashes = [], []
        for line in done.stdout.decode("utf-8", "replace").split("\n"):
            if not line:
                continue
            row = json.loads(line)
            if "crash" in row:
                crashes.append((row["file"], row["crash"]))
            else:
                expected.append(Expected(row["file"], row["doc"], row["origin"], row.get("text")))
        if done.returncode != 0:
            crashes.append(("?", f"the ingest helper exited with {done.returncode}: {done.stderr[-300:]!r}"))
        return expected, crashes

    def classify(
        self,
        number: int,
        command: str,
        run: ProcessRun,
        docs_dir: Path,
        by_name: dict[str, Case],
        expected: list[Expected],
        output: Path | None,
        first: bool,
    ) -> tuple[set[str], bool]:
        """Record the run's problems; return the files to rerun one by one, and whether it aborted.

        ``first``: the first run on the whole batch (documents an abort loses count only there).
        """
        report = self.report
        with report.lock:
            report.batch_runs += 1
            report.exit_codes[f"{command} {'timeout' if run.code is None else run.code}"] += 1
            report.peak_rss_kib = max(report.peak_rss_kib, run.max_rss_kib)
        suspects: set[str] = set()
        files = [e.file for e in expected]
        # Stalls: no output or failure line for longer than the per-document limit. Only
        # extract writes a line per document; ingest prints failures only, so its gaps say nothing.
        previous = None
        for i, moment in enumerate([*run.events, run.seconds] if output is not None else []):
            if previous is not None and moment - previous > self.options.timeout_s:
                suspects.update(files[i : i + SUSPECT_WINDOW_DOCS])
            previous = moment
        traces = tracebacks(run.stderr)
        uncaught = [t for t, contained in traces if not contained]
        for trace, contained in traces:
            if contained:
                key = crash_key(trace)
                report.add(
                    "internal",
                    f"{command}: {key}",
                    self.first_case_named(trace, run.stderr, by_name, docs_dir, key),
                    number,
                )
        aborted = run.code is not None and (run.code not in (0, 1) or bool(uncaught))
        done = len(run.events)
        where = (
            f"the inputs that crash or hang alone are listed below; else {self.cases_dir}/batch_{number:04d}"
        )
        if run.code is None:
            # Killed: the reruns find the slow input; the batch is a problem itself only if none is.
            suspects.update(files[done : done + SUSPECT_WINDOW_DOCS])
            self.stalled.add(number)
        elif aborted:
            last = (run.stderr.strip().split("\n") or [""])[-1]
            key = crash_key(uncaught[-1]) if uncaught else f"exit {run.code}|{last[:200]}"
            if output is None:
                # ingest prints failures only: where it stopped is unknown, so every file is a suspect.
                suspects.update(files)
            else:
                suspects.update(files[max(0, done - SUSPECT_WINDOW_DOCS) : done + SUSPECT_WINDOW_DOCS])
            report.add("aborted", f"{command} exit {run.code}: {key}", where, number)
        if output is None or run.code is None:
            return suspects, aborted
        # Lost documents and the output's contract.
        lines = jsonl_lines(output) if output.exists() else []
        texts = texts_by_doc(expected)
        written = Counter()
        for line in lines:
            doc, violations = check_output_line(line, texts)
            if doc is not None:
                written[doc] += 1
            for v in violations:
                case = self.case_of_doc(doc, expected, by_name)
                kept = self.keep_case(docs_dir, case, "contract") if case else str(docs_dir)
                report.add("contract", f"{command}: {doc}: {v}", kept, number)
        stderr_lines = [line for line in run.stderr.splitlines() if line.startswith("claimtrail: ")]
        for e in expected:
            # A failure line names its document by origin, which is unique; output lines name
            # theirs by doc name, which several files may share ("huge" in two JSON Lines
            # files). So the failures are matched first, and only the rest count as written.
            path, _, line_no = e.origin.rpartition(":")
            path_line = f"{path} line {line_no}" if line_no.isdigit() else None
            if named_in(stderr_lines, e.origin, path_line):
                continue
            if e.text is not None and written[e.doc] > 0:
                written[e.doc] -= 1
                continue
            if aborted:
                with report.lock:
                    report.lost_to_aborts += first
            else:
                report.add(
                    "lost",
                    f"{command}: {e.origin} neither in the output nor in a failure line",
                    self.keep_case(docs_dir, by_name[e.file], "lost"),
                    number,
                )
        return suspects, aborted

    def check_ledger(
        self, number: int, run: ProcessRun, ledger: Path, batch_dir: Path, expected: list[Expected]
    ) -> None:
        match = re.search(
            r"ingested (\d+) document\(s\), (\d+) already in the ledger, (\d+) near-duplicate "
            r"copies, (\d+) failed",
            run.stderr,
        )
        if not match:
            self.report.add("contract", "ingest printed no summary line", str(batch_dir), number)
            return
        added, skipped, _, failed = (int(g) for g in match.groups())
        if added + skipped + failed != len(expected):
            self.report.add(
                "lost",
                f"ingest: {added} added + {skipped} skipped + {failed} failed != {len(expected)} documents",
                str(batch_dir),
                number,
            )
        export = batch_dir / "export.jsonl"
        erun = run_monitored(
            python_cmd(
                "-m", "claimtrail.cli", "export", "--db", str(ledger), "--format", "jsonl", "-o", str(export)
            ),
            cwd=batch_dir,
            timeout_s=STARTUP_ALLOWANCE_S,
            output=None,
        )
        with self.report.lock:
            self.report.exit_codes[f"export {erun.code}"] += 1
        if erun.code != 0:
            self.report.add(
                "aborted", f"export exit {erun.code}: {erun.stderr.strip()[-200:]}", str(ledger), number
            )
            return
        texts = texts_by_doc(expected)
        rows = jsonl_lines(export)
        for line in rows:
            doc, violations = check_output_line(line, texts)
            for v in violations:
                self.report.add("contract", f"export: {doc}: {v}", str(ledger), number)
        if len(rows) != added:
            self.report.add(
                "lost", f"export wrote {len(rows)} documents of the {added} ingested", str(ledger), number
            )

    def case_of_doc(self, doc: str | None, expected: list[Expected], by_name: dict[str, Case]) -> Case | None:
        for e in expected:
            if e.doc == doc:
                return by_name.get(e.file)
        return None

    def first_case_named(
        self, trace: str, stderr: str, by_name: dict[str, Case], docs_dir: Path, key: str
    ) -> str:
        """The input a logged traceback is about (its ERROR line names the document)."""
        lines = stderr.splitlines()
        first = trace.splitlines()[0]
        for i, line in enumerate(lines):
            if line == first and i > 0:
                for name, case in by_name.items():
                    if case.stem in lines[i - 1] or name in lines[i - 1]:
                        return self.keep_case(docs_dir, case, f"internal/{_slug(key)}")
        return str(docs_dir)

    def rerun(self, number: int, docs_dir: Path, jobs: list[tuple[str, Case]]) -> set[str]:
        """Run each (command, input) alone in the timing worker; report hangs and crashes by input.

        Returns the names of the inputs that crashed or hung on their own.
        """
        with self.report.lock:
            self.report.reruns += len(jobs)
        pending, found = list(jobs), set()
        while pending:
            worker = Worker(self.worker_settings)
            try:
                while pending:
                    mode, case = pending.pop(0)
                    outcome = worker.time_file(mode, docs_dir / case.main_name, self.options.timeout_s)
                    with self.report.lock:
                        self.report.slowest_doc_s = max(self.report.slowest_doc_s, outcome.slowest)
                    if outcome.crash:
                        found.add(case.main_name)
                        kept = self.keep_case(docs_dir, case, f"crash/{_slug(outcome.crash)}")
                        self.report.add("crash", f"{mode}: {outcome.crash}", kept, number)
                    if outcome.hung:
                        found.add(case.main_name)
                        kept = self.keep_case(docs_dir, case, "hang")
                        message = f"{mode}: a document took over {self.options.timeout_s:g} s"
                        self.report.add("hang", message, kept, number)
                    if outcome.died:
                        found.add(case.main_name)
                        kept = self.keep_case(docs_dir, case, "died")
                        self.report.add(
                            "crash", f"{mode}: the worker process died ({outcome.died})", kept, number
                        )
                    if outcome.hung or outcome.died:
                        break  # the worker is gone: start another for the rest
            finally:
                worker.close()
        return found


@dataclass
class Outcome:
    slowest: float = 0.0
    crash: str | None = None
    hung: bool = False
    died: str | None = None


class Worker:
    """The ``--worker`` process: loads the model once, times files sent on its stdin."""

    def __init__(self, settings: Path) -> None:
        self.proc = subprocess.Popen(
            python_cmd(str(Path(__file__).resolve()), "--worker", str(settings)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env=CHILD_ENV,
        )
        self.lines: Queue[str | None] = Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.ready = self._next(STARTUP_ALLOWANCE_S) == "READY"

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def _next(self, timeout: float) -> str | None:
        try:
            return self.lines.get(timeout=timeout)
        except Empty:
            return "TIMEOUT"

    def time_file(self, mode: str, path: Path, timeout_s: float) -> Outcome:
        outcome = Outcome()
        if not self.ready or self.proc.stdin is None:
            outcome.died = "did not start"
            return outcome
        try:
            self.proc.stdin.write(f"{mode} {path}\n")
            self.proc.stdin.flush()
        except OSError as exc:
            outcome.died = str(exc)
            return outcome
        started = False
        while True:
            # Reading the next document (ingest) and extracting it both count toward its time.
            line = self._next(timeout_s if started else STARTUP_ALLOWANCE_S)
            if line == "TIMEOUT":
                outcome.hung = True
                self.proc.kill()
                return outcome
            if line is None:
                outcome.died = f"exit {self.proc.wait()}"
                return outcome
            if line.startswith("START"):
                started = True
            elif line.startswith("DOC "):
                outcome.slowest = max(outcome.slowest, float(line[4:]))
                if outcome.slowest > timeout_s:
                    outcome.hung = True
            elif line.startswith("CRASH "):
                outcome.crash = line[6:]
            elif line.startswith("END"):
                return outcome

    def close(self) -> None:
        if self.proc.poll() is None:
            if self.proc.stdin:
                try:
                    self.proc.stdin.close()
                except OSError:
                    pass
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _slug(key: str) -> str:
    """A folder name for a crash class: its exception type and where it was raised."""
    parts = key.split("|")
    return re.sub(r"[^A-Za-z0-9]+", "_", "_".join(parts[:2]))[:80].strip("_") or "unknown"


# --------------------------------------------------------------------------- summary


GROUPED = ("aborted", "crash", "internal")  # problems listed by class, with a count each


def problem_class(problem: Problem) -> str:
    return problem.what[:200]


def violation_kind(what: str) -> str:
    """A problem's message ("command: [document: ]message") without document, figures and quotes."""
    parts = what.split(": ", 2)
    message = parts[-1] if len(parts) == 3 else parts[-1] if len(parts) == 2 else what
    return re.sub(r"(?<![\w+])\d+(\.\d+)?|'[^']*'|\"[^\"]*\"|\[[^\]]*\]", "#", message)[:80]


def print_summary(report: Report, options: Options, wall: float) -> None:
    # ru_maxrss of RUSAGE_CHILDREN: the largest peak of any child waited for (KiB on Linux).
    peak = max(report.peak_rss_kib, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    codes = ", ".join(f"{k}: {v}" for k, v in sorted(report.exit_codes.items()))
    rows = [
        ("inputs (files)", f"{report.inputs:,}"),
        ("documents (as ingest reads them)", f"{report.documents:,}"),
        ("batches", f"{report.batches:,} ({report.batch_runs} CLI runs; exit codes {codes})"),
        ("aborted runs", f"{report.count('aborted'):,}"),
        ("inputs crashing on their own", f"{report.count('crash'):,}"),
        ("internal errors (logged, batch went on)", f"{report.count('internal'):,}"),
        ("documents lost (finished runs)", f"{report.count('lost'):,}"),
        ("documents lost to aborted first runs", f"{report.lost_to_aborts:,}"),
        (f"hangs > {options.timeout_s:g} s", f"{report.count('hang'):,}"),
        ("contract violations", f"{report.count('contract'):,}"),
        ("files rerun one by one", f"{report.reruns:,} (slowest document {report.slowest_doc_s:.1f} s)"),
        ("peak RSS of a child process", f"{peak / 1024:,.0f} MiB"),
        ("wall time", f"{wall:,.0f} s"),
    ]
    width = max(len(r[0]) for r in rows)
    print()
    print(
        f"claimtrail fuzz: seed {options.seed}, {options.count:,} inputs, --timeout-s {options.timeout_s:g}"
    )
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    for kind in PROBLEM_KINDS:
        problems = [p for p in report.problems if p.kind == kind]
        if not problems:
            continue
        if kind in GROUPED:
            classes = Counter(problem_class(p) for p in problems)
            print(f"\n{kind}: {len(problems)} in {len(classes)} classes")
            for what, n in classes.most_common():
                example = next(p for p in problems if problem_class(p) == what)
                print(f"  {n:>5} x {what}\n          e.g. batch {example.batch}: {example.case}")
        else:
            kinds = Counter(violation_kind(p.what) for p in problems)
            print(
                f"\n{kind}: {len(problems)} (" + ", ".join(f"{n} x {k}" for k, n in kinds.most_common()) + ")"
            )
            for p in problems[:MAX_EXAMPLES]:
                print(f"  batch {p.batch}: {p.what}\n          input: {p.case}")
    print(f"\ninputs of each problem are kept under {options.out / 'cases'}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument(
        "--count", type=int, default=DEFAULT_COUNT, help=f"inputs to generate (default {DEFAULT_COUNT})"
    )
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--jobs", type=int, default=1, help="batches run at once (default 1)")
    p.add_argument(
        "--out", type=Path, default=Path("fuzz-out"), help="folder for kept inputs (default fuzz-out)"
    )
    p.add_argument(
        "--timeout-s",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        help=f"a document taking longer is a hang (default {DEFAULT_TIMEOUT_S:g})",
    )
    p.add_argument("--keep", action="store_true", help="keep every batch folder (in a temporary folder)")
    p.add_argument("--enumerate", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.count < 1 or args.jobs < 1 or args.timeout_s <= 0:
        p.error("--count and --jobs must be at least 1, --timeout-s more than 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.enumerate:
        enumerate_mode(args.enumerate)
        return 0
    if args.worker:
        worker_mode(args.worker)
        return 0
    options = Options(args.count, args.seed, args.jobs, args.out, args.timeout_s, args.keep)
    fuzzer = Fuzzer(options)
    started = time.monotonic()
    print(
        f"fuzzing with {args.count:,} inputs (seed {args.seed}, {args.jobs} job(s)); work folder {fuzzer.work}",
        file=sys.stderr,
    )
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        # Generated lazily, a few batches ahead: 10,000 inputs would hold hundreds of MB at once.
        in_flight: list[tuple[int, Future[None]]] = []
        for number, batch in enumerate(batches(generate(args.count, args.seed))):
            in_flight.append((number, pool.submit(fuzzer.run_batch, number, batch)))
            while len(in_flight) > args.jobs:
                done_number, future = in_flight.pop(0)
                future.result()
                print(f"  batch {done_number} done ({time.monotonic() - started:.0f} s)", file=sys.stderr)
        for done_number, future in in_flight:
            future.result()
            print(f"  batch {done_number} done ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    if not options.keep:
        shutil.rmtree(fuzzer.work, ignore_errors=True)
    print_summary(fuzzer.report, options, time.monotonic() - started)
    return 0 if not fuzzer.report.problems else 1


if __name__ == "__main__":
    sys.exit(main())
