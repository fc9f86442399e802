"""Small voting-day scenarios built in memory, for the tests of the TPS duty."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from sinjai_ops import pipeline
from sinjai_ops.models.scenario import Scenario
from sinjai_ops.models.voting import Tps
from tests.helpers import BOSS, SHIFTS


def station(
    kecamatan: str, desa: str, number: int, category: str = "kurang-rawan", island: bool = False
) -> Tps:
    return Tps(
        kecamatan=kecamatan,
        desa=desa,
        tps=f"{number:03d}",
        voters=250,
        category=category,
        island=island,
    )


def voting_scenario(*args: Any, **kwargs: Any) -> Scenario:
    """A scenario of `days` whose last day... the voting day is 27 Nov 2024 (`voting_files`)."""
    stations = args[0]
    with tempfile.TemporaryDirectory() as tmp:
        checked = pipeline.load_scenario([voting_files(Path(tmp), *args, **kwargs)])
    errors = [p for p in checked.problems if p.severity == "error"]
    assert checked.scenario is not None, errors
    assert len(checked.scenario.tps) == len(stations)
    return checked.scenario


def voting_files(
    folder: Path,
    stations: list[Tps],
    people: list[dict[str, Any]],
    *,
    posts: list[dict[str, Any]] | None = None,
    areas: list[dict[str, Any]] | None = None,
    reserve: dict[str, Any] | None = None,
    policy: dict[str, Any] | None = None,
    adjustments: dict[str, Any] | None = None,
    days: tuple[str, str] = ("2024-11-26", "2024-11-27"),
    extra: dict[str, Any] | None = None,
) -> Path:
    """The files of a scenario of `days` whose last day... the voting day is 27 Nov 2024, in
    `folder`."""
    voting: dict[str, Any] = {
        "date": "2024-11-27",
        "report": "06:30",
        "open": "07:00",
        "close": "13:00",
        "counting_until": "23:00",
        "areas": areas
        or [{"unit": "Polsek Uji", "kecamatan": sorted({s.kecamatan for s in stations})}],
    }
    if reserve is not None:
        voting["reserve"] = reserve
    operation = {
        "operation": {
            "name": "Uji Pemungutan",
            "unit": "Polres Uji",
            "timezone": "Asia/Makassar",
            "start": days[0],
            "end": days[1],
            "commander": "70010001",
        },
        "shifts": SHIFTS,
        "sites": [
            {
                "id": "kpu",
                "name": "KPU",
                "posts": posts or [{"id": "gudang", "need": {"samapta": 0}}],
            }
        ],
        "policy": {"reserve": {"fraction": 0, "site": "kpu"}, **(policy or {})},
        "voting": voting,
        **(extra or {}),
    }
    texts: dict[str, Any] = {
        "operation.yaml": operation,
        "roster.yaml": {"personnel": [BOSS, *people]},
        "arrivals.yaml": {"candidates": []},
        "tps.yaml": {"tps": [s.model_dump(mode="json") for s in stations]},
    }
    if adjustments is not None:
        texts["adjustments.yaml"] = adjustments
    for name, body in texts.items():
        (folder / name).write_text(yaml.safe_dump(body), encoding="utf-8")
    return folder
