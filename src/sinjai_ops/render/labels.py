"""Words the officer reads, in English and Bahasa Indonesia."""

from __future__ import annotations

from datetime import date

from sinjai_ops.models.checklist import LANGS

__all__ = ["LANGS", "long_date", "word"]


_DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
}
_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "plan": "Duty plan",
        "conflicts": "Rival conflicts",
        "conflict": (
            "{a} and {b} at {site} on {day}: {how}; separate them (times, routes, holding areas)"
        ),
        "overlap": "their visits overlap",
        "apart": "only {gap} minutes apart",
        "site": "Site",
        "post": "Post",
        "skill": "Skill",
        "rank": "Rank",
        "name": "Name",
        "nrp": "NRP",
        "unit": "Unit",
        "heads": "Heads",
        "missing": "Missing",
        "shift": "Shift",
        "date": "Date",
        "shifts": "Shifts",
        "commander": "Commander",
        "shortfall": "SHORT {n}",
        "shortfalls": "Shortfalls",
        "bko": "Reinforcement (BKO) request",
        "no_shortfall": "Every head is filled.",
        "summary": "Summary",
        "needed": "Heads needed",
        "filled": "Heads filled",
        "status": "Solver",
        "optimal": "optimal (proven)",
        "feasible": "best found, at most {gap} heads from the best possible",
        "nothing-to-plan": "nothing to plan",
        "load": "Shifts per officer",
        "site_changes": "Moves between sites (shift to shift)",
        "load_value": (
            "min {min}, median {median:g}, max {max} (no plan can do with fewer than {bound})"
        ),
        "load_value_unproven": "min {min}, median {median:g}, max {max} (no bound: out of time)",
        "schedule": "Schedule per officer",
        "changes": "Changes from the baseline plan",
        "no_changes": "Nobody moves.",
        "before": "Before",
        "after": "After",
        "off": "off duty",
        "kept": "Kept from the baseline",
        "kept_value": "{kept} assignments kept, {moved} moved",
        "checklist": "Checklist",
        "due": "Due",
        "owner": "Owner",
        "item": "Item",
        "source": "Source",
    },
    "id": {
        "plan": "Rencana plotting personel",
        "conflicts": "Potensi konflik antar paslon",
        "conflict": (
            "{a} dan {b} di {site} pada {day}: {how}; "
            "lakukan pemisahan (waktu, rute, tempat tunggu)"
        ),
        "overlap": "waktu kedatangan bertabrakan",
        "apart": "jeda hanya {gap} menit",
        "site": "Lokasi",
        "post": "Pos",
        "skill": "Fungsi",
        "rank": "Pangkat",
        "name": "Nama",
        "nrp": "NRP",
        "unit": "Satuan",
        "heads": "Jumlah",
        "missing": "Kurang",
        "shift": "Shift",
        "date": "Tanggal",
        "shifts": "Jumlah shift",
        "commander": "Komandan",
        "shortfall": "KURANG {n}",
        "shortfalls": "Kekurangan personel",
        "bko": "Permintaan BKO",
        "no_shortfall": "Seluruh kebutuhan personel terpenuhi.",
        "summary": "Ringkasan",
        "needed": "Kebutuhan personel",
        "filled": "Terisi",
        "status": "Solver",
        "optimal": "optimal (terbukti)",
        "feasible": "hasil terbaik, selisih paling banyak {gap} personel dari optimum",
        "nothing-to-plan": "tidak ada yang direncanakan",
        "load": "Shift per personel",
        "site_changes": "Perpindahan lokasi antar-shift",
        "load_value": (
            "min {min}, median {median:g}, maks {max} (tidak mungkin kurang dari {bound})"
        ),
        "load_value_unproven": (
            "min {min}, median {median:g}, maks {max} (batas bawah tak sempat dihitung)"
        ),
        "schedule": "Jadwal per personel",
        "changes": "Perubahan dari rencana sebelumnya",
        "no_changes": "Tidak ada personel yang dipindah.",
        "before": "Semula",
        "after": "Menjadi",
        "off": "tidak dinas",
        "kept": "Tetap seperti rencana sebelumnya",
        "kept_value": "{kept} penugasan tetap, {moved} berubah",
        "checklist": "Daftar periksa",
        "due": "Batas waktu",
        "owner": "Penanggung jawab",
        "item": "Kegiatan",
        "source": "Sumber",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    return _WORDS[lang][key].format(**values)


def long_date(lang: str, day: date) -> str:
    """`Tuesday, 27 August 2024` / `Selasa, 27 Agustus 2024`."""
    return f"{_DAYS[lang][day.weekday()]}, {day.day} {_MONTHS[lang][day.month - 1]} {day.year}"
