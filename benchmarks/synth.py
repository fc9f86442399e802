"""Synthetic but realistic Polres scenarios of any size, for benchmarks and scale tests.

People are invented: names are drawn from common Bugis-Makassar given names and family names,
and NRPs are made up (year and month of birth, then a serial).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

GIVEN = [
    "Andi",
    "Muh.",
    "Ahmad",
    "Syamsul",
    "Rahmat",
    "Irwan",
    "Hasanuddin",
    "Arif",
    "Fadli",
    "Ilham",
    "Rizal",
    "Sudirman",
    "Baharuddin",
    "Jumadi",
    "Akbar",
    "Zulkifli",
    "Herman",
    "Ridwan",
    "Asrul",
    "Nurdin",
    "Sri",
    "Hasniah",
    "Nurul",
    "Rahmawati",
    "Ayu",
    "Fitri",
]
FAMILY = [
    "Mappaturung",
    "Lamba",
    "Daeng Situju",
    "Tahir",
    "Sanusi",
    "Latif",
    "Rauf",
    "Basri",
    "Makkulau",
    "Pawelloi",
    "Sultan",
    "Amir",
    "Haris",
    "Rasyid",
    "Nawir",
    "Gassing",
    "Lologau",
    "Baso",
    "Tenriajeng",
    "Karaeng",
    "Jufri",
    "Palallo",
]

# (unit, share of the roster, skill sets to draw from, rank band)
UNITS = [
    (
        "Sat Samapta",
        0.30,
        [["samapta", "dalmas"], ["samapta"], ["samapta", "dalmas", "medic"]],
        (0, 13),
    ),
    ("Sat Lantas", 0.15, [["lantas"], ["lantas", "samapta"]], (6, 13)),
    ("Sat Intelkam", 0.10, [["intel"], ["intel", "skck"], ["skck"]], (6, 14)),
    ("Sat Reskrim", 0.12, [["reskrim"], ["reskrim", "intel"]], (6, 14)),
    ("Sat Binmas", 0.06, [["binmas"], ["binmas", "samapta"]], (6, 13)),
    ("Si Propam", 0.03, [["propam"]], (8, 14)),
    ("Si Dokkes", 0.02, [["medic"]], (6, 13)),
    ("Polsek", 0.20, [["samapta"], ["samapta", "dalmas"], ["samapta", "binmas"]], (6, 13)),
    ("Sat Samapta Jibom", 0.02, [["jibom", "samapta"]], (6, 13)),
]
RANKS = [
    "Bharada",
    "Bharatu",
    "Bharaka",
    "Abripda",
    "Abriptu",
    "Abrip",
    "Bripda",
    "Briptu",
    "Brigpol",
    "Bripka",
    "Aipda",
    "Aiptu",
    "Ipda",
    "Iptu",
    "AKP",
    "Kompol",
    "AKBP",
]


def person_lines(rng: random.Random, n: int, start: date, end: date) -> list[str]:
    used: set[str] = set()
    lines = [
        "personnel:",
        '  - nrp: "72050001"',
        "    name: Kapolres Bayangan",
        "    rank: AKBP",
        "    unit: Pimpinan",
        "    skills: [command]",
        "    assignable: false",
    ]
    used.add("72050001")
    days = (end - start).days + 1
    weights = [u[1] for u in UNITS]
    for _ in range(n - 1):
        unit, _, skill_sets, (lo, hi) = rng.choices(UNITS, weights)[0]
        while True:
            year = rng.randint(1970, 2004)
            nrp = f"{year % 100:02d}{rng.randint(1, 12):02d}{rng.randint(0, 9999):04d}"
            if nrp not in used:
                used.add(nrp)
                break
        # About one in ten is an officer (Ipda and up); most are bintara (Bripda to Aiptu).
        if rng.random() < 0.10:
            rank_index = rng.choices([12, 13, 14, 15], [50, 30, 15, 5])[0]
        else:
            band = list(range(lo, min(hi, 11) + 1))
            rank_index = rng.choices(band, [3 if r >= 6 else 1 for r in band])[0]
        skills = list(rng.choice(skill_sets))
        if rank_index >= 12 and "command" not in skills:
            skills.append("command")
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        lines += [
            f'  - nrp: "{nrp}"',
            f"    name: {name}",
            f"    rank: {RANKS[rank_index]}",
            f"    unit: {unit.replace(' Jibom', '')}",
            f"    skills: [{', '.join(skills)}]",
        ]
        if "dalmas" in skills:
            roll = rng.random()
            if roll < 0.85:
                drilled = start - timedelta(days=rng.randint(1, 20))
                lines.append(f"    drills: {{dalmas: {drilled}}}")
            elif roll < 0.95:
                drilled = start - timedelta(days=rng.randint(35, 90))
                lines.append(f"    drills: {{dalmas: {drilled}}}")
        if rng.random() < 0.08:
            first = start + timedelta(days=rng.randint(0, days - 1))
            last = min(end, first + timedelta(days=rng.randint(0, 2)))
            reason = rng.choice(["cuti", "sakit", "dik"])
            lines.append("    unavailable:")
            lines.append(f"      - {{from: {first}, to: {last}, reason: {reason}}}")
    return lines


def operation_text(start: date, days: int, scale: int) -> str:
    end = start + timedelta(days=days - 1)
    reg = [end - timedelta(days=k) for k in (2, 1, 0)]
    reg_days = ", ".join(str(d) for d in reg)
    sites = []
    for k in range(scale):
        suffix = "" if k == 0 else f"-{k + 1}"
        sites.append(f"""  - id: kpu{suffix}
    name: Kantor KPU {k + 1}
    posts:
      - {{id: kpu{suffix}-ring1, ring: 1, need: {{intel: 2, samapta: 2}}, commander: Ipda, days: [{reg_days}], shifts: [pagi, siang]}}
      - {{id: kpu{suffix}-ring2, ring: 2, need: {{samapta: 6, propam: 1}}, commander: Ipda, days: [{reg_days}]}}
      - {{id: kpu{suffix}-ring3, ring: 3, need: {{lantas: 4, samapta: 4}}, days: [{reg_days}], shifts: [pagi, siang]}}
      - {{id: kpu{suffix}-jaga, ring: 2, need: {{samapta: 2}}}}
      - {{id: kpu{suffix}-medic, need: {{medic: 1}}, days: [{reg_days}], shifts: [pagi, siang]}}""")
        # Patrol and guard posts across the regency, and traffic posts on the routes: what keeps
        # about half of the roster busy on every day of an operation.
        for j in range(10):
            sites.append(f"""  - id: pam{suffix}-{j + 1}
    name: Pos pengamanan {k + 1}.{j + 1}
    posts:
      - {{id: pam{suffix}-{j + 1}-jaga, ring: 3, need: {{samapta: 4, binmas: 1}}}}""")
        for j in range(4):
            sites.append(f"""  - id: rute{suffix}-{j + 1}
    name: Pos lalu lintas {k + 1}.{j + 1}
    posts:
      - {{id: rute{suffix}-{j + 1}-pos, ring: 3, need: {{lantas: 3}}, shifts: [pagi, siang]}}""")
    return f"""operation:
  name: Synthetic operation of {days} days
  unit: Polres Sintetis
  timezone: Asia/Makassar
  start: {start}
  end: {end}
  commander: "72050001"
shifts:
  - {{id: pagi, start: "06:00", end: "14:00"}}
  - {{id: siang, start: "14:00", end: "22:00"}}
  - {{id: malam, start: "22:00", end: "06:00"}}
sites:
  - id: mapolres
    name: Mapolres
    posts:
      - {{id: skck-desk, need: {{skck: 2}}, shifts: [pagi]}}
      - {{id: mapolres-gate, ring: 2, need: {{samapta: 2}}}}
      - {{id: piket, need: {{reskrim: 2, binmas: 1}}, commander: Ipda}}
{chr(10).join(sites)}
"""


def arrivals_text(rng: random.Random, start: date, days: int, scale: int) -> str:
    end = start + timedelta(days=days - 1)
    lines = ["candidates:"]
    n = 4 * scale
    for c in range(n):
        site = "kpu" if c // 4 == 0 else f"kpu-{c // 4 + 1}"
        risk = rng.choice(["low", "medium", "medium", "high"])
        rivals = f"[paslon-{c + 2}]" if c % 4 == 0 else "[]"
        skck_day = start + timedelta(days=rng.randint(0, max(0, days - 4)))
        reg_day = end - timedelta(days=rng.randint(0, 2))
        hour = 8 + (c % 4) * 2
        lines += [
            f"  - id: paslon-{c + 1}",
            f"    number: {c + 1}",
            f"    names: [Candidate {c + 1}A, Candidate {c + 1}B]",
            f"    risk: {risk}",
            f"    rivals: {rivals}",
            "    visits:",
            f"      - {{site: mapolres, purpose: skck, date: {skck_day}, arrive: '{hour:02d}:00', "
            f"depart: '{hour + 1:02d}:30', supporters: {rng.randint(20, 150)}, vehicles: {rng.randint(2, 10)}}}",
            f"      - {{site: {site}, purpose: registration, date: {reg_day}, arrive: '{hour:02d}:00', "
            f"depart: '{hour + 2:02d}:00', supporters: {rng.randint(300, 2000)}, vehicles: {rng.randint(5, 40)}}}",
        ]
    return "\n".join(lines) + "\n"


def scenario_texts(officers: int, days: int, seed: int = 1) -> dict[str, str]:
    """operation.yaml, roster.yaml and arrivals.yaml of a synthetic operation."""
    rng = random.Random(seed)
    start = date(2024, 8, 22)
    end = start + timedelta(days=days - 1)
    scale = max(1, officers // 500)
    return {
        "operation.yaml": operation_text(start, days, scale),
        "roster.yaml": "\n".join(person_lines(rng, officers, start, end)) + "\n",
        "arrivals.yaml": arrivals_text(rng, start, days, scale),
    }
