"""The views' words by key, in English; their Indonesian is in the catalog (see i18n.py)."""

from __future__ import annotations

from datetime import date

from sinjai_ops.i18n import LANGS, N_, say

__all__ = ["LANGS", "long_date", "short_date", "skill_label", "word"]


_DAYS = [
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
]
_MONTHS = [
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
]

_WORDS: dict[str, str] = {
    "plan": N_("Duty plan"),
    "conflicts": N_("Rival conflicts"),
    "conflict": N_(
        "{a} and {b} at {site} on {day}: {how}; separate them (times, routes, holding areas)"
    ),
    "overlap": N_("their visits overlap"),
    "apart": N_("only {gap} minutes apart"),
    "site": N_("Site"),
    "post": N_("Post"),
    "skill": N_("Skill"),
    "rank": N_("Rank"),
    "name": N_("Name"),
    "nrp": N_("NRP"),
    "unit": N_("Unit"),
    "heads": N_("Heads"),
    "missing": N_("Missing"),
    "shift": N_("Shift"),
    "date": N_("Date"),
    "shifts": N_("Shifts"),
    "commander": N_("Commander"),
    "shortfall": N_("SHORT {n}"),
    "shortfalls": N_("Shortfalls"),
    "bko": N_("Reinforcement (BKO) request"),
    "no_shortfall": N_("Every head is filled."),
    "summary": N_("Summary"),
    "needed": N_("Heads needed"),
    "filled": N_("Heads filled"),
    "status": N_("Solver"),
    "optimal": N_("optimal (proven)"),
    "feasible": N_("best found, at most {gap} heads from the best possible"),
    "nothing-to-plan": N_("nothing to plan"),
    "load": N_("Shifts per officer"),
    "site_changes": N_("Moves between sites (shift to shift)"),
    "load_value": N_(
        "min {min}, median {median:g}, max {max} (no plan can do with fewer than {bound})"
    ),
    "load_value_unproven": N_("min {min}, median {median:g}, max {max} (no bound: out of time)"),
    "load_value_units": N_(
        "min {min}, median {median:g}, max {max} (the roster's officers; the members of "
        "received units share the load with them)"
    ),
    "load_value_from": N_(
        "min {min}, median {median:g}, max {max} (re-planned from {moment}; the past is "
        "kept as it was, so no bound is claimed for the whole)"
    ),
    "schedule": N_("Schedule per officer"),
    "changes": N_("Changes from the baseline plan"),
    "no_changes": N_("Nobody moves."),
    "before": N_("Before"),
    "after": N_("After"),
    "off": N_("off duty"),
    "kept": N_("Kept from the baseline"),
    "kept_value": N_(
        "{kept} assignments kept, {changes} changed ({moved} moved or released, {called} "
        "newly assigned)"
    ),
    "checklist": N_("Checklist"),
    "due": N_("Due"),
    "owner": N_("Owner"),
    "item": N_("Item"),
    "source": N_("Source"),
    "visit_post": N_("Visit security: {candidate}"),
    "reserve_post": N_("Reserve (cadangan)"),
    "overview": N_("Overview"),
    "officers_line": N_(
        "Officers: {used} plotted of {plottable} who may be; {idle} idle in the part shown"
    ),
    "bko_total": N_("BKO needed: {missing} heads in {lines} request lines ({skills})"),
    "bko_none": N_("BKO needed: none"),
    "perwira_line": N_("Perwira on rank-and-file heads (last resort): {n}"),
    "scope_part": N_(" (of the part shown; the load is the whole operation's)"),
    "cause": N_("Cause"),
    "causes_value": N_("{holders} hold the skill: {reasons}"),
    "causes_none": N_("{holders} hold the skill"),
    "reason_not_assignable": N_("{n} not plotted"),
    "reason_leave": N_("{n} on leave"),
    "reason_drill": N_("{n} drill too old"),
    "reason_rank": N_("{n} wrong rank"),
    "reason_busy": N_("{n} on other heads"),
    "reason_rest": N_("{n} resting"),
    "reason_tps": N_("{n} on TPS duty"),
    "short_not_assignable": N_("{n} not plotted"),
    "short_leave": N_("{n} on leave"),
    "short_drill": N_("{n} drill old"),
    "short_rank": N_("{n} wrong rank"),
    "short_busy": N_("{n} elsewhere"),
    "short_rest": N_("{n} resting"),
    "short_tps": N_("{n} at TPS"),
    "remedies": N_("Remedies (each measured by planning again)"),
    "remedy_drill": N_(
        "a {skill} drill by {by} for {count} officers ({officers}) fills {recovered} "
        "of the {missing} missing heads"
    ),
    "remedy_recall-leave": N_(
        "recalling {count} {skill} officers from leave ({officers}) fills {recovered} of "
        "the {missing} missing heads"
    ),
    "remedy_perwira-on-rank-and-file": N_(
        "letting perwira stand on rank-and-file heads (policy rank_roles) fills "
        "{recovered} of the {missing} missing heads"
    ),
    "roll_call": N_("Roll call led by"),
    "total": N_("Total"),
    "timeline": N_(
        "Sites, shifts and candidate visits (light: lead and tail; red: rival conflict)"
    ),
    "staffing": N_("Heads needed and filled, hour by hour"),
    "officers": N_("Officers"),
    "task_force": N_("Task force"),
    "structure": N_("Structure of the operation"),
    "done": N_("Done"),
    "more_sites": N_("({n} more sites, every head filled)"),
    "staffing_key": N_("Heads per hour and site (green: all filled; red: heads missing)"),
    "period": N_("Period"),
    "annex": N_("Annex to the duty order (Sprin): plotting personel"),
    "rank_nrp": N_("Rank / NRP"),
    "start": N_("Start"),
    "end": N_("End"),
    "role": N_("Role in the operation"),
    "remarks": N_("Remarks"),
    "role_commander": N_("Head of post"),
    "role_member": N_("Member"),
    "last_resort": N_("perwira as a last resort"),
    "anev": N_("Daily evaluation (anev)"),
    "anev_totals": N_("Officer-shifts"),
    "anev_sessions": N_("Drill sessions"),
    "session": N_("Session"),
    "drilled": N_("Drilled"),
    "anev_record": N_(
        "Record in roster.yaml (or roster import): drills: {{{skill}: {date}}} for {nrps}"
    ),
    "anev_lines": N_("Where fewer stood than planned"),
    "anev_absences": N_("Absences"),
    "anev_late": N_("Late arrivals"),
    "anev_empty": N_("Heads that stood empty"),
    "anev_bko": N_("BKO requested for these days: {n} heads (whether they came is not recorded)."),
    "planned": N_("Planned"),
    "present": N_("Present"),
    "absent": N_("Absent"),
    "late_word": N_("Late"),
    "minutes": N_("Minutes"),
    "hours": N_("Hours"),
    "empty_absent": N_("absent"),
    "empty_late": N_("late"),
    "empty_not_filled": N_("not filled (BKO)"),
    "who_fits_title": N_("Who can take one more {skill} head at {site}, {day}, {shift} shift"),
    "any_skill": N_("any"),
    "fits": N_("Can take it (best first)"),
    "not_fits": N_("Cannot"),
    "nobody_fits": N_("Nobody can: ask for BKO."),
    "why": N_("Why"),
    "neutrality": N_("Neutrality (declared ties)"),
    "neutrality_value": N_(
        "{n} tied officers kept off their candidates' visits and sites; cost {cost} heads"
    ),
}


_SKILLS = {
    "command": N_("Post commander"),
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
    "any": N_("Any"),
}
# The units' names are Indonesian in both languages; only the commander head and the head of any
# skill (the voting day's reserve, `any`) are said apart.


def skill_label(lang: str, skill: str) -> str:
    """Samapta, Dalmas, Intelkam, ...; a skill the operation added keeps its id."""
    return say(lang, _SKILLS[skill]) if skill in _SKILLS else skill


def short_date(lang: str, day: date) -> str:
    """`Tue 27 Aug` / `Sel 27 Agu`: for tables where a whole date would not fit."""
    weekday, month = say(lang, _DAYS[day.weekday()]), say(lang, _MONTHS[day.month - 1])
    return f"{weekday[:3]} {day.day} {month[:3]}"


def word(lang: str, key: str, **values: object) -> str:
    return say(lang, _WORDS[key], **values)


def long_date(lang: str, day: date) -> str:
    """`Tuesday, 27 August 2024` / `Selasa, 27 Agustus 2024`."""
    weekday, month = say(lang, _DAYS[day.weekday()]), say(lang, _MONTHS[day.month - 1])
    return f"{weekday}, {day.day} {month} {day.year}"
