"""Writes the TPS list and the roster of examples/sinjai-2024-pemungutan once (the files are
committed as they are; run again only to remake them: `python benchmarks/pemungutan_example.py`).

The kecamatan and their DPT are Sinjai's of 2024 (domain.md, "The season after registration");
the desa are plausible names, the split of voters over TPS, the categories and every person and
NRP are invented. Same seed, same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import FAMILY, GIVEN

OUT = Path(__file__).resolve().parents[1] / "examples" / "sinjai-2024-pemungutan"

# Kecamatan: DPT 2024, TPS (427 in all, in proportion to the DPT), desa and kelurahan (80).
KECAMATAN: list[tuple[str, int, int, list[str]]] = [
    ("Sinjai Utara", 36658, 79,
     ["Balangnipa", "Lappa", "Bongki", "Alewanua", "Biringere", "Lamatti Riattang"]),
    ("Sinjai Selatan", 30815, 67,
     ["Bikeru", "Palangka", "Songing", "Puncak", "Gareccing", "Talle", "Sangiasseri",
      "Aska", "Alenangka", "Polewali", "Era Baru"]),
    ("Tellulimpoe", 29595, 64,
     ["Mannanti", "Samaenre", "Lembang Lohe", "Massaile", "Bua", "Lembang", "Kalobba",
      "Pattongko", "Saotengnga", "Erabaru", "Duampanuae"]),
    ("Sinjai Timur", 25735, 56,
     ["Samataring", "Panaikang", "Tongke-Tongke", "Kampala", "Salohe", "Lasiai",
      "Sanjai", "Pasimarannu", "Kaloling", "Tongke Riattang", "Bongki Lengkese",
      "Saukang", "Biroro"]),
    ("Sinjai Tengah", 21500, 47,
     ["Lamatti Riaja", "Saotanre", "Kompang", "Bonto", "Gantarang", "Baru", "Pattakkang",
      "Mattunreng Tellue", "Saotengah", "Kanrung", "Samaturue"]),
    ("Sinjai Barat", 19681, 43,
     ["Tassililu", "Gunung Perak", "Balakia", "Arabika", "Turungan Baji", "Bonto Salama",
      "Terasa", "Barania", "Botolempangan"]),
    ("Sinjai Borong", 13928, 30,
     ["Pasir Putih", "Bonto Katute", "Bonto Tengnga", "Biji Nangka", "Barambang",
      "Bonto Sinala", "Kassi Buleng", "Batu Belerang"]),
    ("Bulupoddo", 13649, 29,
     ["Lamatti Riawang", "Bulutellue", "Tompobulu", "Lappae", "Batu Lappa",
      "Bulu Kamase", "Bulutimorang"]),
    ("Pulau Sembilan", 5597, 12, ["Pulau Harapan", "Buhung Pitue", "Persatuan", "Padaelo"]),
]  # fmt: skip

RAWAN = 17
SANGAT_RAWAN = 2
KHUSUS = [("Sinjai Utara", "Balangnipa", 160), ("Sinjai Utara", "Biringere", 140)]
"""The rutan's and the hospital's TPS (khusus), and their voters."""


def tps_rows(rng: random.Random) -> list[tuple[str, str, int, int, str, bool]]:
    rows: list[tuple[str, str, int, int, str, bool]] = []
    for kecamatan, dpt, count, desas in KECAMATAN:
        # Every desa has at least two TPS (one on the islands); the rest by chance.
        per = dict.fromkeys(desas, 1 if kecamatan == "Pulau Sembilan" else 2)
        khusus = [(d, v) for k, d, v in KHUSUS if k == kecamatan]
        for _ in range(count - len(khusus) - sum(per.values())):
            per[rng.choice(desas)] += 1
        left = dpt - sum(v for _, v in khusus)
        ordinary = count - len(khusus)
        base = [left // ordinary] * ordinary
        for i in range(ordinary):  # +- 15%, the total kept
            j = rng.randrange(ordinary)
            shift = rng.randint(0, base[i] // 7)
            base[i] += shift
            base[j] -= shift
        base[-1] += left - sum(base)
        voters = iter(base)
        for desa in desas:
            for n in range(1, per[desa] + 1):
                rows.append((kecamatan, desa, n, next(voters), "kurang-rawan", False))
            for d, v in khusus:
                if d == desa:
                    rows.append((kecamatan, desa, per[desa] + 1, v, "khusus", False))
    plain = [i for i, r in enumerate(rows) if r[4] == "kurang-rawan"]
    chosen = rng.sample(plain, RAWAN + SANGAT_RAWAN)
    for k, i in enumerate(chosen):
        category = "sangat-rawan" if k < SANGAT_RAWAN else "rawan"
        rows[i] = (*rows[i][:4], category, rows[i][5])
    return [(*r[:5], r[0] == "Pulau Sembilan") for r in rows]


def tps_csv(rows: list[tuple[str, str, int, int, str, bool]]) -> str:
    lines = ["KECAMATAN,DESA/KELURAHAN,NO TPS,DPT,KATEGORI,PULAU"]
    for kecamatan, desa, n, voters, category, island in rows:
        shown = category.replace("-", " ").upper()
        lines.append(f"{kecamatan},{desa},{n:03d},{voters},{shown},{'ya' if island else ''}")
    return "\n".join(lines) + "\n"


# Units of the Polres: (unit, perwira ranks, rank-and-file count, skills, drilled in dalmas).
HQ: list[tuple[str, list[str], int, list[str], bool]] = [
    ("Bag Ops", ["AKP", "Ipda", "Ipda"], 6, ["command", "samapta"], False),
    ("Sat Samapta", ["AKP", "Iptu", "Ipda", "Ipda"], 49, ["samapta", "dalmas"], True),
    ("Sat Lantas", ["AKP", "Ipda", "Ipda"], 28, ["lantas"], False),
    ("Sat Intelkam", ["AKP", "Ipda"], 13, ["intel", "skck"], False),
    ("Sat Reskrim", ["AKP", "Iptu", "Ipda"], 16, ["reskrim"], False),
    ("Sat Resnarkoba", ["Iptu"], 7, ["reskrim"], False),
    ("Sat Binmas", ["AKP"], 5, ["binmas"], False),
    ("Si Propam", ["Ipda"], 5, ["propam"], False),
    ("Si Dokkes", [], 3, ["medic"], False),
]
POLSEK = {
    "Sinjai Utara": 19,
    "Sinjai Selatan": 17,
    "Tellulimpoe": 17,
    "Sinjai Timur": 16,
    "Sinjai Tengah": 14,
    "Sinjai Barat": 14,
    "Sinjai Borong": 12,
    "Bulupoddo": 12,
    "Pulau Sembilan": 11,
}
"""Rank-and-file of each Polsek (its Kapolsek and two Kanit come on top)."""
BINTARA = ["Bripda", "Bripda", "Briptu", "Briptu", "Brigpol", "Brigpol", "Bripka", "Bripka",
           "Aipda", "Aiptu", "Bharada", "Bharatu"]  # fmt: skip
LEAVE = [("2024-11-25", "2024-11-29", "cuti"), ("2024-11-20", "2024-12-06", "dik"),
         ("2024-11-27", "2024-11-28", "sakit"), ("2024-12-01", "2024-12-03", "cuti")]  # fmt: skip


class People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.nrps: set[str] = set()
        self.names: set[str] = set()
        self.lines: list[str] = []

    def nrp(self, rank: str) -> str:
        senior = rank in ("AKBP", "Kompol", "AKP", "Iptu", "Ipda", "Aiptu", "Aipda")
        while True:
            year = self.rng.randint(72, 86) if senior else self.rng.randint(88, 99)
            text = f"{year:02d}{self.rng.randint(1, 12):02d}{self.rng.randint(0, 9999):04d}"
            if text not in self.nrps:
                self.nrps.add(text)
                return text

    def name(self) -> str:
        while True:
            text = f"{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}"
            if text not in self.names:
                self.names.add(text)
                return text

    def add(self, rank: str, unit: str, skills: list[str], **extra: str) -> None:
        lines = [
            f'  - nrp: "{self.nrp(rank)}"',
            f"    name: {self.name()}",
            f"    rank: {rank}",
            f"    unit: {unit}",
            f"    skills: [{', '.join(skills)}]",
        ]
        lines += [f"    {k}: {v}" for k, v in extra.items()]
        if self.rng.random() < 0.035:
            start, end, why = self.rng.choice(LEAVE)
            lines += ["    unavailable:", f"      - {{from: {start}, to: {end}, reason: {why}}}"]
        self.lines += lines


def roster_yaml(rng: random.Random) -> str:
    people = People(rng)
    people.add("AKBP", "Pimpinan", ["command"], assignable="false")  # Kapolres
    people.add("Kompol", "Pimpinan", ["command"], assignable="false")  # Wakapolres
    for unit, perwira, count, skills, drilled in HQ:
        ranks = perwira + [rng.choice(BINTARA) for _ in range(count)]
        for rank in ranks:
            extra = {"drills": "{dalmas: " + f"2024-11-{rng.randint(4, 22):02d}" + "}"}
            people.add(rank, unit, skills, **(extra if drilled else {}))
    for kecamatan, _, _, desas in KECAMATAN:
        unit = f"Polsek {kecamatan}"
        people.add("AKP" if kecamatan == "Sinjai Utara" else "Iptu", unit, ["command", "samapta"])
        people.add("Ipda", unit, ["reskrim"])  # Kanit Reskrim
        people.add(rng.choice(["Ipda", "Aiptu"]), unit, ["samapta"])  # Kanit Samapta
        bhabin = rng.sample(desas, min(len(desas), max(2, len(desas) // 3)))
        for k in range(POLSEK[kecamatan]):
            if k < len(bhabin):
                people.add(rng.choice(["Bripka", "Aipda", "Brigpol"]), unit,
                           ["binmas", "samapta"], desa=bhabin[k])  # fmt: skip
            else:
                people.add(rng.choice(BINTARA), unit, ["samapta"])
    head = (
        "# Personnel of Polres Sinjai and its nine Polsek for Ops Mantap Praja 2024, voting day.\n"
        "# Every person and NRP here is invented (written by benchmarks/pemungutan_example.py).\n"
        "# `desa:` names the desa where a Bhabinkamtibmas serves.\n"
        "personnel:\n"
    )
    return head + "\n".join(people.lines) + "\n"


def main() -> None:
    rng = random.Random(20241127)
    rows = tps_rows(rng)
    assert len(rows) == 427 and len({(r[0], r[1]) for r in rows}) == 80
    (OUT / "tps.csv").write_text(tps_csv(rows), encoding="utf-8")
    (OUT / "roster.yaml").write_text(roster_yaml(rng), encoding="utf-8")


if __name__ == "__main__":
    main()
