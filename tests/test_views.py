"""The views made for people: the briefing first, names not codes, nothing cut."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import EXAMPLE, Run


def _table(run: Run, monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(width))
    return run("plan", EXAMPLE, *args).stdout.splitlines()


@pytest.mark.slow
def test_the_summary_and_the_overview_open_the_first_screen_at_80_by_40(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _table(run, monkeypatch, 80, "--lang", "en")
    first = "\n".join(lines[:40])
    # The summary first: per day the officers on duty (people) and the shift-posts.
    assert lines[1].startswith("Summary")
    assert (
        "Officers" in first
        and "on duty" in first
        and "Shift-posts" in first
        and "jabatan-shift" in first
    )
    assert re.search(r"Tue 27 Aug +141 +167 +141 +26", first)
    assert re.search(r"Total +227 +554 +528 +26", first)
    # Then the whole overview, every shift of every day by site name, with its totals.
    assert "Overview" in first
    for site in ("Kantor KPU", "Kabupaten Sinjai", "Mapolres", "RSUD"):
        assert site in first
    assert re.search(r"Tue 27 Aug +siang 14:00-22:00 +45/55 -10 +5/11 -6", first)
    assert re.search(r"Total .* 280/290 -10 .* 197/213 -16 .* 51/51", first)
    assert re.search(r"Fri 30 Aug +malam 22:00-06:00", first)
    # The rival conflicts and the BKO come before the first table of the detail.
    text = "\n".join(lines)
    detail = text.index("Saturday, 24 August 2024 - pagi")
    assert "Rival conflicts" in text[:detail]
    assert "BKO needed: 26 heads" in text[:detail] and "Officers: " in text[:detail]
    assert "Reinforcement (BKO) request" in text[:detail]
    # In Indonesian too, whose title takes two lines at 80 columns.
    first = "\n".join(_table(run, monkeypatch, 80, "--lang", "id")[:40])
    assert "Ringkasan" in first and re.search(
        r"Jumlah .* 280/290 -10 .* 197/213 -16 .* 51/51", first
    )


@pytest.mark.slow
def test_names_not_codes(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(_table(run, monkeypatch, 200, "--lang", "id"))
    for code in ("kpu-ring1", "visit:paslon", "mapolres-gate", "│ reserve", "│ command", "medic"):
        assert code not in text
    for name in ("Ruang pendaftaran", "Pengamanan kunjungan Paslon 1", "Cadangan", "Dokkes"):
        assert name in text
    markdown = run("plan", EXAMPLE, "--format", "markdown").stdout
    csv = run("plan", EXAMPLE, "--format", "csv").stdout
    for out in (markdown, csv):
        assert "kpu-ring1" not in out and "Ruang pendaftaran" in out
    # Scripts keep ids.
    assert "kpu-ring1" in run("plan", EXAMPLE, "--format", "json").stdout


@pytest.mark.slow
@pytest.mark.parametrize("width", [80, 120])
def test_nothing_is_cut(run: Run, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    lines = _table(run, monkeypatch, width)
    assert max(len(line) for line in lines) <= width
    text = "\n".join(lines)
    body = json.loads(run("plan", EXAMPLE, "--format", "json").stdout)
    for nrp in {a["nrp"] for a in body["assignments"]}:
        assert nrp in text
    assert "lakukan pemisahan (waktu," in text.replace("\n│ ", " ").replace(" │", "")
    # The leader of every roll call, whole on one line.
    for leader in {c["nrp"] for c in body["commanders"]}:
        assert any(f"({leader})" in line for line in lines if "Pimpinan apel" in line)


def test_every_total_respects_date_and_site(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    body = json.loads(
        run("plan", EXAMPLE, "--format", "json", "--date", "2024-08-27", "--site", "kpu").stdout
    )
    filled = len(body["assignments"])
    missing = sum(s["missing"] for s in body["shortfalls"])
    assert (filled, missing) == (126, 10)
    assert body["quality"]["heads_filled"] == filled
    assert body["quality"]["heads_needed"] == filled + missing
    text = "\n".join(_table(run, monkeypatch, 120, "--date", "2024-08-27", "--site", "kpu"))
    assert re.search(r"Kebutuhan personel \(bagian yang ditampilkan.*│ 136 ", text)
    assert "Seluruh kebutuhan personel terpenuhi" not in text


@pytest.mark.slow
def test_view_overview_only_and_person(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    overview = "\n".join(_table(run, monkeypatch, 120, "--view", "overview"))
    assert "Ikhtisar" in overview and "Pimpinan apel" not in overview
    person = "\n".join(_table(run, monkeypatch, 120, "--view", "person"))
    assert "Jadwal per personel" in person and "Ikhtisar" not in person
    assert "Jadwal per personel" in "\n".join(_table(run, monkeypatch, 120, "--by", "person"))
