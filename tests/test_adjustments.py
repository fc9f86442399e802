"""adjustments.yaml: pins kept by the plan, absences respected, bad pins named by their rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

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
        "adjustments.yaml:3:11: error: pins[1].nrp: pin breaks a rule: rests until "
        "2024-08-28 00:00 after pagi of 2024-08-27 (the pin of line 2)",
        "adjustments.yaml:3:11: error: pins[1].nrp: pin breaks a rule: 16 h on 2024-08-27",
        "adjustments.yaml:4:11: error: pins[2].nrp: pin breaks a rule: on leave (cuti) until",
        "adjustments.yaml:5:11: error: pins[3].nrp: pin breaks a rule: not plotted",
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
        f'pins:\n  - {{nrp: "{ipda}", date: 2024-08-24, shift: pagi, site: kpu, '
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


def test_two_pins_on_a_single_head_are_refused_at_the_second(run: Run, tmp_path: Path) -> None:
    """kpu-ring1 has one commander head: a second pin on it was accepted, and the plan put the
    officer elsewhere without a word."""
    folder = _with(
        tmp_path,
        """\
pins:
  - {nrp: "73125564", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring1, skill: command}
  - {nrp: "79020114", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring1, skill: command}
""",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert (
        "adjustments.yaml:3:11: error: pins[1].nrp: too many pins: kpu-ring1 has 1 command "
        "head(s) on 2024-08-27 pagi, already pinned at line 2" in out
    )
    assert "adjustments.yaml:2:" not in out
    assert "too many pins" in run("plan", folder, "--lang", "en", code=1).stderr


def test_more_pins_than_a_posts_heads_name_every_earlier_line(run: Run, tmp_path: Path) -> None:
    # kpu-ring1 needs two intel heads: the third pin has no head left.
    folder = _with(
        tmp_path,
        """\
pins:
  - {nrp: "70123236", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring1, skill: intel}
  - {nrp: "91037423", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring1, skill: intel}
  - {nrp: "96115491", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring1, skill: intel}
""",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert (
        "adjustments.yaml:4:11: error: pins[2].nrp: too many pins: kpu-ring1 has 2 intel "
        "head(s) on 2024-08-27 pagi, already pinned at line 2, 3" in out
    )
    assert out.count("error:") == 1
    # Two pins fit, and the plan keeps both.
    folder.joinpath("adjustments.yaml").write_text(
        "\n".join(folder.joinpath("adjustments.yaml").read_text().splitlines()[:3]) + "\n",
        encoding="utf-8",
    )
    body = json.loads(run("plan", folder, "--format", "json", "--no-remedies", "-q").stdout)
    held = {
        a["nrp"]
        for a in body["assignments"]
        if (a["date"], a["shift"], a["post"], a["skill"])
        == ("2024-08-27", "pagi", "kpu-ring1", "intel")
    }
    assert held == {"70123236", "91037423"}


def test_a_pin_on_a_visit_outside_its_window_is_refused(run: Run, tmp_path: Path) -> None:
    # paslon-1 visits kpu on 27 August in the day: the night shift has no head of its visit.
    folder = _with(
        tmp_path,
        'pins:\n  - {nrp: "70123236", date: 2024-08-27, shift: malam, site: kpu, '
        "post: visit:paslon-1, skill: intel}\n",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    assert (
        "adjustments.yaml:2:72: error: pins[0].post: visit:paslon-1 has no intel head on "
        "2024-08-27 malam" in out
    )


def test_a_pin_the_replan_cannot_keep_is_said(run: Run, tmp_path: Path) -> None:
    """A pin in a shift before --from: the published plan stands there, and the pin is not
    kept; the plan says so at the pin's line instead of dropping it silently."""
    base = tmp_path / "base.json"
    run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q", "-o", base)
    published = json.loads(base.read_text(encoding="utf-8"))
    ring2 = next(
        a["nrp"]
        for a in published["assignments"]
        if (a["date"], a["shift"], a["post"], a["skill"])
        == ("2024-08-28", "pagi", "kpu-ring2", "command")
    )
    folder = _with(
        tmp_path,
        f'pins:\n  - {{nrp: "{ring2}", date: 2024-08-28, shift: pagi, site: kpu, '
        "post: kpu-ring1, skill: command}\n",
    )
    result = run(
        "plan",
        folder,
        "--baseline",
        base,
        "--from",
        "2024-08-29T06:00",
        "--format",
        "json",
        "--no-remedies",
        "--lang",
        "en",
    )
    assert (
        f"adjustments.yaml:2:11: warning: pins[0].nrp: the pin of {ring2} at kpu-ring1 on "
        "2024-08-28 pagi is not kept: that shift starts before --from 2024-08-29T06:00"
        in result.stderr
    )
    # Re-planned from the pin's shift on, the pin is kept and nothing is said of it.
    result = run(
        "plan",
        folder,
        "--baseline",
        base,
        "--from",
        "2024-08-28T06:00",
        "--format",
        "json",
        "--no-remedies",
        "--lang",
        "en",
    )
    assert "pins[0]" not in result.stderr
    assert {
        "date": "2024-08-28",
        "shift": "pagi",
        "site": "kpu",
        "post": "kpu-ring1",
        "skill": "command",
        "nrp": ring2,
    } in json.loads(result.stdout)["assignments"]


def test_a_bad_date_hides_no_other_problem(run: Run, tmp_path: Path) -> None:
    """A day-first `from:` made the whole file unreadable to the checks against the scenario:
    the pin on an officer on leave and a `to` before `from` waited until it was fixed."""
    folder = _with(
        tmp_path,
        """\
pins:
  - {nrp: "01040117", date: 2024-08-27, shift: pagi, site: kpu, post: kpu-ring2, skill: samapta}
absences:
  - {nrp: "70123236", from: 27-08-2024 06:00, to: 2024-08-27 23:59, reason: sakit}
  - {nrp: "79070438", from: 2024-08-27 06:00, to: 2024-08-27 05:00, reason: izin}
  - {nrp: "99999999", from: 2024-08-27 06:00, to: 2024-08-27 23:59}
""",
    )
    out = run("validate", "--lang", "en", folder, code=1).stdout
    for line in (
        "adjustments.yaml:2:11: error: pins[0].nrp: pin breaks a rule: on leave (cuti) until",
        "adjustments.yaml:4:29: error: absences[0].from: '27-08-2024' is day-month-year",
        "adjustments.yaml:5:51: error: absences[1].to: 'to' 2024-08-27 05:00 is not after",
        "adjustments.yaml:6:11: error: absences[2].nrp: NRP 99999999 is not in the roster",
    ):
        assert line in out, line
    assert "4 errors" in out


@pytest.mark.parametrize("text", ["", "# nothing pinned today\n\n"])
def test_an_empty_adjustments_file_is_no_adjustments(run: Run, tmp_path: Path, text: str) -> None:
    folder = _with(tmp_path, text)
    out = run("validate", "--lang", "en", folder).stdout
    assert (
        "adjustments.yaml:1:1: warning: the file is empty (or holds only comments): read as no "
        "pins and no absences" in out
    )
    fresh = json.loads(run("plan", EXAMPLE, "--format", "json", "--no-remedies", "-q").stdout)
    body = json.loads(run("plan", folder, "--format", "json", "--no-remedies", "-q").stdout)
    assert body["assignments"] == fresh["assignments"]
