"""The plan as CSV for spreadsheets: one row per head, filled or missing."""

from __future__ import annotations

import csv
import io

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.plan_rows import by_person, by_slot
from sinjai_ops.render.view import View
from sinjai_ops.render.voting_rows import duty_rows


def as_csv(plan: Plan, view: View) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if view.by == "person":
        writer.writerow(["nrp", "rank", "name", "unit", "date", "shift", "site", "post", "skill"])
        for person in by_person(plan, view.lang):
            for duty in person.duties:
                writer.writerow([person.nrp, person.rank, person.name, person.unit, *duty])
        return buffer.getvalue()
    writer.writerow(["date", "shift", "site", "post", "skill", "nrp", "rank", "name", "missing"])
    for slot in by_slot(plan, view.lang):
        for r in slot.rows:
            writer.writerow(
                [
                    slot.date.isoformat(),
                    slot.shift,
                    r.site,
                    r.post,
                    r.skill,
                    r.nrp,
                    r.rank,
                    r.name,
                    r.missing or "",
                ]
            )
    # The voting day's TPS and Padal duty: site is the kecamatan, post the desa and its TPS.
    writer.writerows(duty_rows(plan, view.lang))
    return buffer.getvalue()
