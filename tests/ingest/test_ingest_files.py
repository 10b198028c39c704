"""iter_documents: paths and folders, ordering, dispatch, and a batch that survives bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrail.ingest import iter_documents
from claimtrail.models import DocumentFailure, RawDocument
from claimtrail.settings import IngestSettings

SETTINGS = IngestSettings()

PAGE = """<!DOCTYPE html><html><head><title>Troops sent</title></head><body><article>
<p>North Korea will send more troops to Russia to assist in its war against Ukraine, possibly as
early as July, a South Korean lawmaker said on Thursday, citing the country's spy agency.</p>
<p>About 11,000 personnel had already been deployed last year, the lawmaker told reporters at the
National Assembly in Seoul, and more military builders would follow.</p></article></body></html>
"""


def make(root: Path, relative: str, content: str | bytes = "Some article text.\n") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_text_file_is_one_document_with_its_exact_text(tmp_path: Path) -> None:
    original = "\n  Headline\r\n\tBody with 11,000 troops.  \n\n"
    path = make(tmp_path, "001_x.txt", original.encode("utf-8"))
    [item] = iter_documents([str(path)], SETTINGS)

    expected = original.replace("\r\n", "\n")
    assert item == RawDocument(doc="001_x.txt", text=expected, origin=str(path), format="text")
    assert item.text == path.read_text(encoding="utf-8")
    start = expected.index("11,000")
    assert item.text[start : start + 13] == "11,000 troops"


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for relative in ["z.txt", "b/2.html", "a.txt", "b/1.txt", "b/c/deep.jsonl", "b-side.txt", "B.txt"]:
        content = PAGE if relative.endswith(".html") else "Text.\n"
        if relative.endswith(".jsonl"):
            content = '{"id": "deep-1", "text": "Text."}\n{"id": "deep-2", "text": "Text."}\n'
        make(tmp_path, relative, content)
    for skipped in ["notes.md", "b/image.png", "a.meta.json", ".hidden.json", "b/README"]:
        make(tmp_path, skipped, "{}")

    docs = [item.doc for item in iter_documents([tmp_path], SETTINGS)]

    assert docs == ["B.txt", "a.txt", "1.txt", "2.html", "deep-1", "deep-2", "b-side.txt", "z.txt"]


def test_results_follow_the_order_of_the_paths_given(tmp_path: Path) -> None:
    last = make(tmp_path, "last.txt")
    folder = tmp_path / "folder"
    make(folder, "in_folder.txt")
    first = make(tmp_path, "first.htm", PAGE)

    docs = [item.doc for item in iter_documents([last, folder, first, last], SETTINGS)]

    assert docs == ["last.txt", "in_folder.txt", "first.htm", "last.txt"]


def test_file_kinds_are_told_by_suffix_whatever_the_case(tmp_path: Path) -> None:
    make(tmp_path, "upper.TXT")
    make(tmp_path, "page.HTML", PAGE)
    items = list(iter_documents([tmp_path], SETTINGS))
    assert [(i.doc, i.format) for i in items if isinstance(i, RawDocument)] == [
        ("page.HTML", "html"),
        ("upper.TXT", "text"),
    ]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("report.pdf", "unsupported file type '.pdf'"),
        ("README", "unsupported file type '(no extension)'"),
        ("a.meta.json", "metadata sidecar of a document, not a document"),
    ],
)
def test_a_named_file_of_another_kind_fails_listing_the_accepted_kinds(
    tmp_path: Path, name: str, problem: str
) -> None:
    path = make(tmp_path, name, "{}")
    [failure] = iter_documents([path], SETTINGS)

    assert isinstance(failure, DocumentFailure)
    assert (failure.doc, failure.origin) == (name, str(path))
    assert problem in failure.error
    assert (
        "accepted: .txt, .html, .htm, .jsonl, .warc, .warc.gz files, or folders holding them" in failure.error
    )


def test_a_missing_path_fails_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = make(tmp_path, "good.txt")
    missing = tmp_path / "missing.txt"
    failure, item = iter_documents([missing, good], SETTINGS)

    assert isinstance(failure, DocumentFailure)
    assert failure.error == (
        f"{missing}: no such file or folder; accepted: .txt, .html, .htm, .jsonl, .warc, .warc.gz files, or folders holding them"
    )
    assert isinstance(item, RawDocument)


def test_one_string_instead_of_a_list_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="wrap it in a list"):
        list(iter_documents(str(tmp_path), SETTINGS))


def test_bad_files_among_good_ones_fail_alone(tmp_path: Path) -> None:
    make(tmp_path, "01_good.txt", "First good article.\n")
    make(tmp_path, "02_empty.txt", " \n\t\n")
    make(tmp_path, "03_binary.txt", bytes(range(256)) * 4)
    make(tmp_path, "04_good.html", PAGE)
    make(tmp_path, "05_unknown_encoding.txt", bytes(range(0x80, 0x100)) * 8)
    make(
        tmp_path,
        "06_records.jsonl",
        '{"id": "r1", "text": "Record one."}\nnot json\n{"id": "r3", "text": "Three."}\n',
    )
    make(tmp_path, "07_broken.html", "<!DOCTYPE html><html")
    make(tmp_path, "08_good.txt", "Second good article.\n")
    big = make(tmp_path, "09_big.txt")
    with big.open("r+b") as file:
        file.truncate(50_000_000)
    make(tmp_path, "10_good.txt", "Third good article.\n")

    items = list(iter_documents([tmp_path], SETTINGS))

    good = [item.doc for item in items if isinstance(item, RawDocument)]
    failed = {item.doc: item.error for item in items if isinstance(item, DocumentFailure)}
    assert good == ["01_good.txt", "04_good.html", "r1", "r3", "08_good.txt", "10_good.txt"]
    assert list(failed) == [
        "02_empty.txt",
        "03_binary.txt",
        "05_unknown_encoding.txt",
        "06_records.jsonl:2",
        "07_broken.html",
        "09_big.txt",
    ]
    assert "empty" in failed["02_empty.txt"]
    assert "binary" in failed["03_binary.txt"]
    assert "encoding cannot be determined" in failed["05_unknown_encoding.txt"]
    assert "line 2: invalid JSON" in failed["06_records.jsonl:2"]
    assert "cannot be parsed" in failed["07_broken.html"]
    assert "larger than ingest.max_document_bytes" in failed["09_big.txt"]
