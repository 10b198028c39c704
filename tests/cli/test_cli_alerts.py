"""``claimtrail alerts`` lists alerts and deliveries; ``ingest --webhook`` without a secret stops at start."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from claimtrail.cli import main
from claimtrail.models import Run, StoredDocument
from claimtrail.pipeline import add_to_ledger, alerts_after_ingest, open_ledger, story_touch
from claimtrail.settings import Settings

MakeStored = Callable[..., StoredDocument]
RUN = Run(version="test", settings_hash="cli", settings_json="{}")


def _ledger(path: Path, make_stored: MakeStored, settings: Settings) -> None:
    with open_ledger(str(path), create=True) as store:
        run_id = store.ensure_run(RUN)
        for name, text, figure, source, day in (
            ("a.txt", "The storm killed 80 people, the Coast Guard said.\n", 80, "Coast Guard", "2025-06-01"),
            ("b.txt", "Medics said 50 people died in the storm.\n", 50, "Medics", "2025-06-02"),
        ):
            claim = {"phrase": f"{figure} people", "low": figure, "fact": f"f-{figure}", "source": source,
                     "stated_by": source, "stated_on": dt.date.fromisoformat(day), "actor": "Fiji"}  # fmt: skip
            doc = make_stored(name, text, [claim])
            stored = add_to_ledger(
                replace(doc, story="s-storm", document=replace(doc.document, story="s-storm")), store, run_id
            )
            assert stored is not None
            touch = story_touch(stored, dt.datetime.now(dt.UTC))
            alerts_after_ingest(
                store, [touch] if touch else [], settings, webhooks=["https://hooks.example/h"]
            )


def test_alerts_lists_each_alert_with_its_deliveries(
    tmp_path: Path, make_stored: MakeStored, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _ledger(tmp_path / "l.db", make_stored, settings)

    assert main(["alerts", "--db", str(tmp_path / "l.db"), "--json"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    alert = json.loads(line)
    assert alert["kind"] == "contradiction" and alert["story"] == "s-storm"
    assert alert["deliveries"][0]["state"] == "pending"
    assert main(["alerts", "--db", str(tmp_path / "l.db"), "--story", "s-none"]) == 0
    assert "no alerts yet" in capsys.readouterr().err


def test_ingest_with_a_webhook_and_no_secret_stops_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMTRAIL_WEBHOOK_SECRET", raising=False)
    article = tmp_path / "a.txt"
    article.write_text("Floods killed 12 people, officials said on Monday in the town.\n")

    code = main(
        ["ingest", str(article), "--db", str(tmp_path / "l.db"), "--webhook", "https://hooks.example/x"]
    )

    assert code == 2 and "CLAIMTRAIL_WEBHOOK_SECRET" in capsys.readouterr().err
    assert not (tmp_path / "l.db").exists()
