"""The officer's words in one catalog: every word the code marks has its Indonesian (with the
same placeholders), the catalog holds nothing else, its compiled form is current, and the help,
the problems and the notes follow the chosen language."""

from __future__ import annotations

import io
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from sinjai_ops.i18n import KEYWORDS
from tests.conftest import EXAMPLE, Run

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "src" / "sinjai_ops" / "locale" / "id" / "LC_MESSAGES"


def _catalog():  # type: ignore[no-untyped-def]
    with (CATALOG / "sinjai_ops.po").open("rb") as handle:
        return read_po(handle, locale="id")


def _marked() -> set[str | tuple[str, ...]]:
    """What Babel's extractor finds in the code, as `pybabel extract` with babel.cfg does."""
    return {
        message
        for _, _, message, _, _ in extract_from_dir(
            str(ROOT / "src"),
            method_map=[("**.py", "python")],
            keywords={**DEFAULT_KEYWORDS, **KEYWORDS},
        )
    }


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_marked_word_has_its_indonesian_and_nothing_else_is_kept() -> None:
    catalog = _catalog()
    marked = {_key(m) for m in _marked()}
    translated = {_key(m.id): m for m in catalog if m.id}
    missing = sorted(m for m in marked if m not in translated or not translated[m].string)
    assert missing == [], "add these to sinjai_ops.po (see babel.cfg), then pybabel compile"
    stale = sorted(set(translated) - marked)
    assert stale == [], "these are no longer in the code: remove them from sinjai_ops.po"


def test_a_translation_keeps_the_placeholders_of_its_english() -> None:
    wrong = []
    for message in _catalog():
        if not message.id:
            continue
        english = [message.id] if isinstance(message.id, str) else list(message.id)
        said = [message.string] if isinstance(message.string, str) else list(message.string)
        if {f for e in english for f in _fields(e)} != {f for s in said for f in _fields(s)}:
            wrong.append(english[0])
    assert wrong == []


def test_the_compiled_catalog_is_the_one_the_po_says() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog())
    assert compiled.getvalue() == (CATALOG / "sinjai_ops.mo").read_bytes(), (
        "run: pybabel compile -d src/sinjai_ops/locale -D sinjai_ops"
    )


def _help(lang: str) -> str:
    env = {
        **os.environ,
        "LANG": lang,
        "LANGUAGE": "",
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "COLUMNS": "100",
    }
    return subprocess.run(
        [sys.executable, "-m", "sinjai_ops", "plan", "--help"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout


def test_help_follows_the_environments_language() -> None:
    indonesian = _help("id_ID.UTF-8")
    assert "Tempatkan personel di setiap pos" in indonesian
    # Typer's own words too: the usage line, the section titles, [required], -h.
    assert indonesian.startswith("Pemakaian: python -m sinjai_ops plan [OPTIONS] SCENARIO...")
    for words in ("Argumen:", "Opsi:", "[wajib]", "Tampilkan pesan ini lalu keluar."):
        assert words in indonesian
    english = _help("C.UTF-8")
    assert "Assign officers to every post" in english
    assert english.startswith("Usage: python -m sinjai_ops plan [OPTIONS] SCENARIO...")
    assert "Options:" in english and "[required]" in english


_BROKEN = {
    "operation.yaml": ("timezone: Asia/Makassar", "timezone: Asia/Makasar"),
    "arrivals.yaml": ('arrive: "09:00"', "arrive: 25.00"),
    "roster.yaml": ("rank: Bripda", "rank: Brpda"),
}


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    folder = tmp_path / "s"
    folder.mkdir()
    for name in ("operation.yaml", "roster.yaml", "arrivals.yaml"):
        text = (EXAMPLE / name).read_text(encoding="utf-8")
        old, new = _BROKEN[name]
        assert old in text, (name, old)
        (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _places(out: str) -> list[str]:
    return re.findall(r"^(\S+:\d+:\d+: (?:error|warning): \S+)", out, flags=re.MULTILINE)


def test_validate_speaks_indonesian_at_the_same_places(run: Run, broken: Path) -> None:
    english = run("validate", broken, "--lang", "en", code=1).stdout
    indonesian = run("validate", broken, "--lang", "id", code=1).stdout
    assert _places(indonesian) == _places(english) and len(_places(english)) >= 3
    assert "unknown time zone 'Asia/Makasar'; did you mean 'Asia/Makassar'?" in english
    assert "zona waktu 'Asia/Makasar' tidak dikenal; maksudnya 'Asia/Makassar'?" in indonesian
    assert "'25.00' is not a time" in english and "'25.00' bukan jam" in indonesian
    assert "unknown rank 'Brpda'" in english and "pangkat 'Brpda' tidak dikenal" in indonesian
    assert english.splitlines()[-1].startswith("invalid: 3 errors")
    assert indonesian.splitlines()[-1].startswith("tidak sah: 3 kesalahan")
    # The operation says `language: id`: without --lang, that is the language.
    assert run("validate", broken, code=1).stdout == indonesian
    # JSON keeps its keys; its messages are for people, in their language.
    body = run("validate", broken, "--lang", "id", "--format", "json", code=1).stdout
    assert '"severity": "error"' in body and "tidak dikenal" in body


def test_without_an_operation_the_environment_chooses(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text("personnel:\n  - {nrp: '123', name: A, rank: Bripda, unit: X}\n")
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert "NRP '123' terdiri dari 3 angka" in run("validate", roster, code=1).stdout
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "NRP '123' has 3 digits" in run("validate", roster, code=1).stdout


def test_usage_errors_speak_the_language_of_the_run(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A usage error found once the scenario is read speaks its language (the example's is
    id) whatever the environment's; --lang, before or after the command, overrides it."""
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    for env in ("id_ID.UTF-8", "C.UTF-8"):
        monkeypatch.setenv("LANG", env)
        err = run("checklist", EXAMPLE, "--date", "2030-01-01", code=2).stderr
        assert (
            "kesalahan: --date: 2030-01-01 bukan hari operasi; operasi berlangsung 2024-08-24 "
            "s.d. 2024-08-30" in err
        )
    english = "error: --date: 2030-01-01 is not a day of the operation; it runs from 2024-08-24 to"
    assert (
        english in run("checklist", EXAMPLE, "--date", "2030-01-01", "--lang", "EN", code=2).stderr
    )
    assert (
        english in run("--lang", "en", "checklist", EXAMPLE, "--date", "2030-01-01", code=2).stderr
    )
