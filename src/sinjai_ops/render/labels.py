"""Words the officer reads, in English and Bahasa Indonesia."""

from __future__ import annotations

from datetime import date

from sinjai_ops.models.checklist import LANGS

__all__ = ["LANGS", "long_date", "short_date", "skill_label", "word"]


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
        "load_value_from": (
            "min {min}, median {median:g}, max {max} (re-planned from {moment}; the past is kept "
            "as it was, so no bound is claimed for the whole)"
        ),
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
        "visit_post": "Visit security: {candidate}",
        "reserve_post": "Reserve (cadangan)",
        "overview": "Overview",
        "officers_line": (
            "Officers: {used} plotted of {plottable} who may be; {idle} idle in the part shown"
        ),
        "bko_total": "BKO needed: {missing} heads in {lines} request lines ({skills})",
        "bko_none": "BKO needed: none",
        "perwira_line": "Perwira on rank-and-file heads (last resort): {n}",
        "scope_part": " (of the part shown; the load is the whole operation's)",
        "cause": "Why",
        "causes_value": "{holders} hold the skill: {reasons}",
        "causes_none": "{holders} hold the skill",
        "reason_not_assignable": "{n} not plotted",
        "reason_leave": "{n} on leave",
        "reason_drill": "{n} drill too old",
        "reason_rank": "{n} wrong rank",
        "reason_busy": "{n} on other heads",
        "reason_rest": "{n} resting",
        "remedies": "Remedies (each measured by planning again)",
        "remedy_drill": (
            "a {skill} drill before {by} for {count} officers ({officers}) fills {recovered} "
            "of the {missing} missing heads"
        ),
        "remedy_recall-leave": (
            "recalling {count} {skill} officers from leave ({officers}) fills {recovered} of the "
            "{missing} missing heads"
        ),
        "remedy_perwira-on-rank-and-file": (
            "letting perwira stand on rank-and-file heads (policy rank_roles) fills {recovered} "
            "of the {missing} missing heads"
        ),
        "roll_call": "Roll call led by",
        "total": "Total",
        "timeline": (
            "Sites, shifts and candidate visits (light: lead and tail; red: rival conflict)"
        ),
        "staffing": "Heads needed and filled, hour by hour",
        "officers": "Officers",
        "task_force": "Task force",
        "structure": "Structure of the operation",
        "done": "Done",
        "more_sites": "({n} more sites, every head filled)",
        "staffing_key": "Heads per hour and site (green: all filled; red: heads missing)",
        "period": "Period",
        "annex": "Annex to the duty order (Sprin): plotting personel",
        "rank_nrp": "Rank / NRP",
        "start": "Start",
        "end": "End",
        "role": "Role in the operation",
        "remarks": "Remarks",
        "role_commander": "Post commander",
        "role_member": "Member",
        "last_resort": "perwira as a last resort",
        "anev": "Daily evaluation (anev)",
        "anev_totals": "Officer-shifts",
        "anev_lines": "Where fewer stood than planned",
        "anev_absences": "Absences",
        "anev_late": "Late arrivals",
        "anev_empty": "Heads that stood empty",
        "anev_bko": "BKO requested for these days: {n} heads (whether they came is not recorded).",
        "planned": "Planned",
        "present": "Present",
        "absent": "Absent",
        "late_word": "Late",
        "minutes": "Minutes",
        "hours": "Hours",
        "empty_absent": "absent",
        "empty_late": "late",
        "empty_not_filled": "not filled (BKO)",
        "who_fits_title": "Who can take one more {skill} head at {site}, {day}, {shift} shift",
        "any_skill": "any",
        "fits": "Can take it (best first)",
        "not_fits": "Cannot",
        "nobody_fits": "Nobody can: ask for BKO.",
        "why": "Why",
        "neutrality": "Neutrality (declared ties)",
        "neutrality_value": (
            "{n} tied officers kept off their candidates' visits and sites; cost {cost} heads"
        ),
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
        "load_value_from": (
            "min {min}, median {median:g}, maks {max} (direncanakan ulang sejak {moment}; "
            "yang sudah berlalu tetap, jadi tidak ada batas bawah untuk keseluruhan)"
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
        "visit_post": "Pengamanan kunjungan {candidate}",
        "reserve_post": "Cadangan",
        "overview": "Ikhtisar",
        "officers_line": (
            "Personel: {used} diplot dari {plottable} yang dapat diplot; "
            "{idle} tidak bertugas pada bagian yang ditampilkan"
        ),
        "bko_total": "Kebutuhan BKO: {missing} personel dalam {lines} baris permintaan ({skills})",
        "bko_none": "Kebutuhan BKO: tidak ada",
        "perwira_line": "Perwira pada posisi anggota (pilihan terakhir): {n}",
        "scope_part": " (bagian yang ditampilkan; beban shift untuk seluruh operasi)",
        "cause": "Penyebab",
        "causes_value": "{holders} memiliki fungsi ini: {reasons}",
        "causes_none": "{holders} memiliki fungsi ini",
        "reason_not_assignable": "{n} tidak diplot",
        "reason_leave": "{n} cuti/izin",
        "reason_drill": "{n} latihan kedaluwarsa",
        "reason_rank": "{n} pangkat tidak sesuai",
        "reason_busy": "{n} bertugas di pos lain",
        "reason_rest": "{n} istirahat",
        "remedies": "Langkah perbaikan (masing-masing dihitung dengan merencanakan ulang)",
        "remedy_drill": (
            "latihan {skill} sebelum {by} bagi {count} personel ({officers}) mengisi "
            "{recovered} dari {missing} kekurangan"
        ),
        "remedy_recall-leave": (
            "memanggil {count} personel {skill} dari cuti ({officers}) mengisi {recovered} dari "
            "{missing} kekurangan"
        ),
        "remedy_perwira-on-rank-and-file": (
            "mengizinkan perwira mengisi posisi anggota (policy rank_roles) mengisi {recovered} "
            "dari {missing} kekurangan"
        ),
        "roll_call": "Pimpinan apel",
        "total": "Jumlah",
        "timeline": (
            "Lokasi, shift dan kunjungan paslon (muda: persiapan dan pengakhiran; merah: konflik)"
        ),
        "staffing": "Kebutuhan dan personel terisi, per jam",
        "officers": "Personel",
        "task_force": "Satgas",
        "structure": "Struktur operasi",
        "done": "Selesai",
        "more_sites": "({n} lokasi lain, terisi semua)",
        "staffing_key": "Personel per jam dan lokasi (hijau: terisi semua; merah: kekurangan)",
        "period": "Waktu",
        "annex": "Lampiran Surat Perintah (Sprin): plotting personel",
        "rank_nrp": "Pangkat / NRP",
        "start": "Mulai",
        "end": "Selesai",
        "role": "Jabatan dalam operasi",
        "remarks": "Ket",
        "role_commander": "Ka Pos",
        "role_member": "Anggota",
        "last_resort": "perwira, pilihan terakhir",
        "anev": "Analisa dan evaluasi (anev)",
        "anev_totals": "Personel-shift",
        "anev_lines": "Lokasi dengan kehadiran di bawah rencana",
        "anev_absences": "Tidak hadir",
        "anev_late": "Terlambat",
        "anev_empty": "Posisi yang kosong",
        "anev_bko": "BKO yang diminta untuk hari ini: {n} personel (kedatangannya tidak tercatat).",
        "planned": "Rencana",
        "present": "Hadir",
        "absent": "Tidak hadir",
        "late_word": "Terlambat",
        "minutes": "Menit",
        "hours": "Jam",
        "empty_absent": "tidak hadir",
        "empty_late": "terlambat",
        "empty_not_filled": "tidak terisi (BKO)",
        "who_fits_title": (
            "Siapa yang dapat mengisi satu posisi {skill} lagi di {site}, {day}, shift {shift}"
        ),
        "any_skill": "apa saja",
        "fits": "Dapat (urutan terbaik)",
        "not_fits": "Tidak dapat",
        "nobody_fits": "Tidak ada: ajukan BKO.",
        "why": "Alasan",
        "neutrality": "Netralitas (hubungan yang dideklarasikan)",
        "neutrality_value": (
            "{n} personel dijauhkan dari kunjungan dan lokasi paslon terkait; biaya {cost} personel"
        ),
    },
}


_SKILLS_EN = {
    "command": "Post commander",
    "samapta": "Samapta",
    "dalmas": "Dalmas",
    "lantas": "Lantas",
    "intel": "Intelkam",
    "reskrim": "Reskrim",
    "binmas": "Binmas",
    "medic": "Dokkes",
    "jibom": "Jibom",
    "skck": "SKCK",
    "propam": "Propam",
}
# The units' names are Indonesian in both languages; only the commander head is said apart.
_SKILLS = {"en": _SKILLS_EN, "id": {**_SKILLS_EN, "command": "Komandan pos"}}


def skill_label(lang: str, skill: str) -> str:
    """Samapta, Dalmas, Intelkam, ...; a skill the operation added keeps its id."""
    return _SKILLS[lang].get(skill, skill)


def short_date(lang: str, day: date) -> str:
    """`Tue 27 Aug` / `Sel 27 Agu`: for tables where a whole date would not fit."""
    return f"{_DAYS[lang][day.weekday()][:3]} {day.day} {_MONTHS[lang][day.month - 1][:3]}"


def word(lang: str, key: str, **values: object) -> str:
    return _WORDS[lang][key].format(**values)


def long_date(lang: str, day: date) -> str:
    """`Tuesday, 27 August 2024` / `Selasa, 27 Agustus 2024`."""
    return f"{_DAYS[lang][day.weekday()]}, {day.day} {_MONTHS[lang][day.month - 1]} {day.year}"
