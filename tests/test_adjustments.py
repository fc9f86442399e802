"""adjustments.yaml: pins kept by the plan, absences respected, bad pins named by their rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sinjai_ops import pipeline
from sinjai_ops.solve.audit import audit
from tests.conftest import EXAMPLE, Run

DECISIONS = """\
pins:
  - {nrp: "79020114", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring1, skill: command}
absences:
  - {nrp: "70123236", from: 2024-08-27 06:00, to: 2024-08-27 23:59, reason: sakit}
  - {nrp: "79070438", from: 2024-08-27 06.00, to: 2024-08-27 23:59, reason: izin}
"""


def _with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "s"
    shutil.copytree(EXAMPLE, folder)
    (folder / "adjustments.yaml").write_text(text, encoding="utf-8")
    return folder


def test_pins_are_kept_and_absences_respected(tmp_path: Path) -> None:
    folder = _with(tmp_path, DECISIONS)
    planned = pipeline.plan([folder], remedies=False)
    assert planned.plan is not None and planned.checked.scenario and planned.demand
    plan = planned.plan
    assert audit(planned.checked.scenario, planned.demand, plan) == []
    assert plan.quality.status == "optimal"
    ring1 = {
        (a.skill, a.nrp)
        for a in plan.assignments
        if (a.post, str(a.date), a.shift) == ("kpu-ring1", "2024-08-27", "pagi")
    }
    assert ("command", "79020114") in ring1
    assert not [
        a
        for a in plan.assignments
        if a.nrp in ("70123236", "79070438") and str(a.date) == "2024-08-27"
    ]
    assert plan.inputs["adjustments.yaml"].startswith("sha256:")


def test_a_bad_pin_names_its_rule_and_line(run: Run, tmp_path: Path) -> None:
    folder = _with(
        tmp_path,
        """\
pins:
  - {nrp: "79020114", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring1, skill: command}
  - {nrp: "79020114", date: 2024-08-27, shift: siang, site: kpu, post: kpu-ring1, skill: command}
  - {nrp: "01040117", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring2, skill: samapta}
  - {nrp: "76110023", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring3}
  - {nrp: "79020114", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring9}
absences:
  - {nrp: "70123236", from: 2024-08-27 06:00, to: 2024-08-27 05:00}
""",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    for line in (
        "adjustments.yaml:3:11: error: pins[1].nrp: pin breaks a rule: less than 10 h of rest "
        "from the pin of line 2 (2024-08-27 pagi)",
        "adjustments.yaml:3:11: error: pins[1].nrp: pin breaks a rule: 16 h on 2024-08-27",
        "adjustments.yaml:4:11: error: pins[2].nrp: pin breaks a rule: the officer is on leave",
        "adjustments.yaml:5:11: error: pins[3].nrp: pin breaks a rule: the officer is not plotted",
        "adjustments.yaml:6:71: error: pins[4].post: no post 'kpu-ring9' at kpu; did you mean",
        "adjustments.yaml:8:51: error: absences[0].to: 'to' 2024-08-27 05:00 is not after",
    ):
        assert line in out, line
    # plan refuses the same files with the same messages
    assert "pin breaks a rule" in run("plan", folder, "--lang", "en", code=1).stderr
    # ... and in the operation's language (`language: id`) when --lang does not choose
    assert "penetapan melanggar aturan" in run("plan", folder, code=1).stderr


def test_a_perwira_pinned_as_rank_and_file_is_told_the_policy(run: Run, tmp_path: Path) -> None:
    body = json.loads(run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q").stdout)
    people = {p["nrp"]: p for p in body["people"]}
    ipda = next(n for n, p in people.items() if p["rank"] == "Ipda")
    folder = _with(
        tmp_path,
        f'pins:\n  - {{nrp: "{ipda}", date: 2024-08-22, shift: pagi, site: kpu, '
        "post: kpu-jaga, skill: samapta}\n",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert "perwira fill rank-and-file heads only when policy" in out or "does not hold" in out


def test_replan_from_now_keeps_the_past_and_fills_the_gaps(run: Run, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    published = json.loads(base.read_text(encoding="utf-8"))
    # The two officers of ring 1 on 27 Aug pagi fall sick at the 06:00 roll call.
    sick = sorted(
        a["nrp"]
        for a in published["assignments"]
        if (a["post"], a["date"], a["shift"]) == ("kpu-ring1", "2024-08-27", "pagi")
        and a["skill"] != "command"
    )[:2]
    absences = "".join(
        f'  - {{nrp: "{nrp}", from: 2024-08-27 06:00, to: 2024-08-27 23:59, reason: sakit}}\n'
        for nrp in sick
    )
    folder = _with(tmp_path, "absences:\n" + absences)
    again = json.loads(
        run(
            "plan",
            folder,
            "--baseline",
            base,
            "--from",
            "2024-08-27T06:00",
            "--format",
            "json",
            "--no-remedies",
            "-q",
        ).stdout
    )

    def before_six(body: dict[str, object]) -> list[tuple[str, ...]]:
        return sorted(
            (a["nrp"], a["date"], a["shift"], a["post"], a["skill"])  # type: ignore[index]
            for a in body["assignments"]  # type: ignore[attr-defined]
            if a["date"] < "2024-08-27"  # type: ignore[index]
        )

    assert before_six(again) == before_six(published)
    assert again["quality"]["heads_filled"] == published["quality"]["heads_filled"]
    assert not any(a["nrp"] in sick and a["date"] == "2024-08-27" for a in again["assignments"])
    released = {c["nrp"]: c["reason"] for c in again["changes"] if c["after"] is None}
    assert all(released[nrp] == "absent: sakit" for nrp in sick)
    fresh = json.loads(run("plan", folder, "--format", "json", "--no-remedies", "-q").stdout)
    fresh_kept = {
        (a["nrp"], a["date"], a["shift"], a["post"], a["skill"]) for a in fresh["assignments"]
    } & {(a["nrp"], a["date"], a["shift"], a["post"], a["skill"]) for a in published["assignments"]}
    assert again["quality"]["moved"] < len(published["assignments"]) - len(fresh_kept)
    assert again["quality"]["load"]["max"] <= max(3, published["quality"]["load"]["max"])


def test_from_needs_a_baseline(run: Run) -> None:
    err = run("plan", EXAMPLE, "--from", "2024-08-27T06:00", code=2).stderr
    assert "--baseline" in err
