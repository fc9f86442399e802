"""The TPS list's rows to TPS: each value read by the contract, each bad one quoted as written
at its place, with how to fix it; every problem at once."""

from __future__ import annotations

import re

from sinjai_ops.i18n import N_, t
from sinjai_ops.models.common import suggest
from sinjai_ops.models.problem import Problem
from sinjai_ops.models.voting import CATEGORIES, Tps, category_word, tps_number
from sinjai_ops.tps_rows import Spot, TpsRow

_TRUE = {"true", "ya", "1", "y", "yes"}
_FALSE = {"false", "tidak", "0", "", "no", "n"}
_EMPTY = {
    "kecamatan": N_("the kecamatan is empty; write the kecamatan of this TPS"),
    "desa": N_("the desa is empty; write the desa or kelurahan of this TPS"),
    "tps": N_("the TPS number is empty; write the number of this TPS (1 or 001)"),
    "voters": N_("the DPT is empty; write the number of voters of this TPS"),
    "category": N_(
        "the category is empty; write kurang-rawan, rawan, sangat-rawan or khusus for this TPS"
    ),
}


def same_name(text: str) -> str:
    """How names of places are compared: any case, single spaces."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def read_rows(rows: list[TpsRow]) -> tuple[list[Tps], list[Problem]]:
    """The TPS of the rows (those that read), and every problem of the rows."""
    problems: list[Problem] = []
    out: list[Tps] = []
    first: dict[tuple[str, str, str], Spot] = {}
    for row in rows:
        tps, found = _read_row(row)
        problems += found
        if tps is None:
            continue
        spot = row.spots["tps"]
        seen = first.setdefault((same_name(tps.kecamatan), same_name(tps.desa), tps.tps), spot)
        if seen is not spot:
            problems.append(
                spot.problem(
                    t(
                        "TPS {tps} of desa '{desa}' ({kecamatan}) is listed twice, here and at "
                        "{first}; remove one row or correct its number",
                        tps=row.values["tps"],
                        desa=tps.desa,
                        kecamatan=tps.kecamatan,
                        first=seen.where,
                    )
                )
            )
            continue
        out.append(tps)
        if tps.voters == 0:
            problems.append(
                row.spots["voters"].problem(
                    t(
                        "TPS {tps} of desa '{desa}' has 0 voters; check the DPT (it is still "
                        "guarded)",
                        tps=tps.tps,
                        desa=tps.desa,
                    ),
                    warning=True,
                )
            )
    return out, problems


def _read_row(row: TpsRow) -> tuple[Tps | None, list[Problem]]:
    v = row.values
    problems = [
        row.spots[field].problem(t(message))
        for field, message in _EMPTY.items()
        if not v.get(field) and field not in row.told
    ]
    problems += _value_problems(row)
    if problems or row.told:
        return None, problems
    island = v.get("island", "").strip().lower()
    tps = Tps(
        kecamatan=re.sub(r"\s+", " ", v["kecamatan"]).strip(),
        desa=re.sub(r"\s+", " ", v["desa"]).strip(),
        tps=tps_number(v["tps"]),
        voters=int(v["voters"]),
        category=category_word(v["category"]),
        island=island in _TRUE,
    )
    return tps, []


def _value_problems(row: TpsRow) -> list[Problem]:
    """The values written that do not read: the TPS number, the voters, the category, the
    island flag."""
    v = row.values
    problems: list[Problem] = []
    number = tps_number(v["tps"])
    if v["tps"] and not (number.isdigit() and int(number) >= 1):
        problems.append(
            row.spots["tps"].problem(
                t(
                    "TPS number '{text}' is not a whole number >= 1; write it as 1 or 001",
                    text=v["tps"],
                )
            )
        )
    voters = v["voters"]
    if voters and not (voters.isascii() and voters.isdigit()):
        problems.append(
            row.spots["voters"].problem(
                t(
                    "voters '{text}' is not a whole number >= 0; write the DPT of the TPS in "
                    "digits only (no dots or spaces)",
                    text=voters,
                )
            )
        )
    category = category_word(v["category"])
    if v["category"] and category not in CATEGORIES:
        near = "-".join(v["category"].strip().lower().replace("_", " ").replace("-", " ").split())
        hint = suggest(near, CATEGORIES) or t(
            "; write one of {choices}", choices=", ".join(CATEGORIES)
        )
        problems.append(
            row.spots["category"].problem(
                t("unknown category '{text}'{hint}", text=v["category"], hint=hint)
            )
        )
    island = v.get("island", "").strip().lower()
    if island not in _TRUE | _FALSE:
        problems.append(
            row.spots["island"].problem(
                t(
                    "island '{text}' is not one of true/false, ya/tidak, 1/0; leave it empty "
                    "for a TPS reached by road",
                    text=v["island"],
                )
            )
        )
    return problems
