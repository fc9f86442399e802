"""Synthetic voting-day scenarios of any size (formats.md, "Voting day"), for benchmarks and
scale tests: operation.yaml with a `voting:` section, roster.yaml, arrivals.yaml and tps.csv.

The shape follows the 2024 Pilkada in South Sulawesi (domain.md): about 5 TPS a desa and 9
desa a kecamatan, about 95% kurang rawan, 4% rawan, 0.5% sangat rawan, 0.2% khusus; one Polsek
per kecamatan, holding about two thirds of the officers, one Bhabinkamtibmas a desa where the
Polsek has one to spare; the Polres' own units beside them. The operation runs from H-1 to H+1
with the multi-day posts: the KPU office, a PPK warehouse per kecamatan guarded 1 x 24 h, the
escort of the logistics on H-1 and of the boxes after counting. Islands: the first kecamatan's
TPS are reached by boat when `islands` is true. People, places and NRPs are invented.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

try:
    from synth import FAMILY, GIVEN
except ImportError:  # imported as benchmarks.synth_voting (the tests)
    from benchmarks.synth import FAMILY, GIVEN

VOTING_DAY = date(2024, 11, 27)
CATEGORY_SHARES = [("kurang-rawan", 0.953), ("rawan", 0.04), ("sangat-rawan", 0.005)]
HQ_UNITS = [
    ("Sat Samapta", [["samapta"], ["samapta", "medic"]]),
    ("Sat Lantas", [["lantas"], ["lantas", "samapta"]]),
    ("Sat Intelkam", [["intel"]]),
    ("Sat Reskrim", [["reskrim"]]),
]


def _places(rng: random.Random, tps: int) -> list[tuple[str, str, int, str, bool]]:
    """(kecamatan, desa, number, category, island) of `tps` TPS."""
    desas = max(1, round(tps / 5.3))
    kecamatans = max(1, round(desas / 9))
    rows = []
    per_desa = [tps // desas + (1 if d < tps % desas else 0) for d in range(desas)]
    for d, count in enumerate(per_desa):
        kecamatan = f"Kecamatan {d % kecamatans + 1:03d}"
        desa = f"Desa {d + 1:04d}"
        for number in range(1, count + 1):
            roll = rng.random()
            category = "khusus"
            for name, share in CATEGORY_SHARES:
                if roll < share:
                    category = name
                    break
                roll -= share
            rows.append((kecamatan, desa, number, category, False))
    return rows


def tps_csv(rows: list[tuple[str, str, int, str, bool]], rng: random.Random) -> str:
    lines = ["KECAMATAN,DESA/KELURAHAN,NO TPS,DPT,KATEGORI,island"]
    for kecamatan, desa, number, category, island in rows:
        voters = rng.randint(250, 600)
        lines.append(
            f"{kecamatan},{desa},{number:03d},{voters},{category.replace('-', ' ').upper()},"
            f"{'true' if island else ''}"
        )
    return "\n".join(lines) + "\n"


def _roster(
    rng: random.Random, officers: int, kecamatans: list[str], desas: dict[str, list[str]]
) -> str:
    lines = [
        "personnel:",
        '  - {nrp: "72050001", name: Kapolres Bayangan, rank: AKBP, unit: Pimpinan, '
        "skills: [command], assignable: false}",
    ]
    used = {"72050001"}
    bhabins = {k: list(desas[k]) for k in kecamatans}
    for i in range(officers - 1):
        while True:
            nrp = f"{rng.randint(70, 99):02d}{rng.randint(1, 12):02d}{rng.randint(0, 9999):04d}"
            if nrp not in used:
                used.add(nrp)
                break
        perwira = rng.random() < 0.08
        rank = (
            rng.choice(["Ipda", "Iptu", "AKP"])
            if perwira
            else rng.choice(["Bripda", "Briptu", "Brigpol", "Bripka", "Aipda", "Aiptu"])
        )
        extra = ""
        if rng.random() < 0.68:
            kecamatan = kecamatans[i % len(kecamatans)]
            unit = f"Polsek {kecamatan}"
            skills = ["samapta", "binmas"] if rng.random() < 0.5 else ["samapta"]
            if not perwira and "binmas" in skills and bhabins[kecamatan]:
                extra = f", desa: {bhabins[kecamatan].pop()}"
        else:
            unit, sets = rng.choice(HQ_UNITS)
            skills = list(rng.choice(sets))
        if perwira:
            skills.append("command")
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        lines.append(
            f'  - {{nrp: "{nrp}", name: {name}, rank: {rank}, unit: {unit}, '
            f"skills: [{', '.join(skills)}]{extra}}}"
        )
        if rng.random() < 0.05:
            day = VOTING_DAY + timedelta(days=rng.randint(-1, 1))
            lines[-1] = (
                lines[-1][:-1] + f", unavailable: [{{from: {day}, to: {day}, reason: cuti}}]}}"
            )
    return "\n".join(lines) + "\n"


def _operation(kecamatans: list[str], reserve: int) -> str:
    eve, after = VOTING_DAY - timedelta(days=1), VOTING_DAY + timedelta(days=1)
    ppk = "\n".join(
        f"""  - id: ppk-{k + 1:03d}
    name: Gudang PPK {name}
    posts:
      - {{id: ppk-{k + 1:03d}-jaga, ring: 2, need: {{samapta: 2}}}}
      - {{id: ppk-{k + 1:03d}-kawal, need: {{lantas: 1, samapta: 1}}, days: [{eve}, {after}], shifts: [pagi]}}"""
        for k, name in enumerate(kecamatans)
    )
    areas = "\n".join(f"    - {{unit: Polsek {k}, kecamatan: [{k}]}}" for k in kecamatans)
    return f"""operation:
  name: Ops Mantap Praja - pemungutan suara (sintetis)
  unit: Polres Sintetis
  timezone: Asia/Makassar
  start: {eve}
  end: {after}
  commander: "72050001"
shifts:
  - {{id: pagi, start: "06:00", end: "14:00"}}
  - {{id: siang, start: "14:00", end: "22:00"}}
  - {{id: malam, start: "22:00", end: "06:00"}}
sites:
  - id: mapolres
    name: Mapolres
    posts:
      - {{id: piket, need: {{reskrim: 2}}}}
  - id: kpu
    name: Kantor KPU
    posts:
      - {{id: kpu-jaga, ring: 2, need: {{samapta: 4, intel: 1}}}}
{ppk}
policy:
  reserve: {{fraction: 0.05, site: mapolres, skill: samapta}}
voting:
  date: {VOTING_DAY}
  report: "06:30"
  open: "07:00"
  close: "13:00"
  counting_until: "23:00"
  areas:
{areas}
  padal: {{least_rank: Ipda}}
  reserve: {{site: mapolres, officers: {reserve}}}
"""


def voting_texts(tps: int, officers: int, seed: int = 1, islands: bool = True) -> dict[str, str]:
    """operation.yaml, roster.yaml, arrivals.yaml and tps.csv of a synthetic voting day."""
    rng = random.Random(seed)
    rows = _places(rng, tps)
    kecamatans = sorted({r[0] for r in rows})
    if islands:
        rows = [(k, d, n, c, k == kecamatans[0]) for k, d, n, c, _ in rows]
    desas: dict[str, list[str]] = {k: [] for k in kecamatans}
    for kecamatan, desa, *_ in rows:
        if desa not in desas[kecamatan]:
            desas[kecamatan].append(desa)
    return {
        "operation.yaml": _operation(kecamatans, max(5, officers // 30)),
        "roster.yaml": _roster(rng, officers, kecamatans, desas),
        "arrivals.yaml": "candidates: []\n",
        "tps.csv": tps_csv(rows, rng),
    }
