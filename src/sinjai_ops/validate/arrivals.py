"""arrivals.yaml on its own, beyond its shape."""

from __future__ import annotations

from sinjai_ops.i18n import t
from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.common import suggest
from sinjai_ops.models.document import Document, problem_at
from sinjai_ops.models.problem import Problem


def check_arrivals(arrivals: ArrivalsFile, doc: Document) -> list[Problem]:
    ids = [c.id for c in arrivals.candidates]
    out: list[Problem] = []
    for i, cand in enumerate(arrivals.candidates):
        for k, rival in enumerate(cand.rivals):
            if rival == cand.id:
                out.append(
                    problem_at(
                        doc,
                        ("candidates", i, "rivals", k),
                        t("a candidate cannot be its own rival"),
                    )
                )
            elif rival not in ids:
                out.append(
                    problem_at(
                        doc,
                        ("candidates", i, "rivals", k),
                        t(
                            "unknown candidate '{rival}'{hint}",
                            rival=rival,
                            hint=suggest(rival, ids),
                        ),
                    )
                )
        for k, visit in enumerate(cand.visits):
            arrive, depart = visit.span()
            if depart <= arrive:
                out.append(
                    problem_at(
                        doc,
                        ("candidates", i, "visits", k, "depart"),
                        t(
                            "depart {depart} is not after arrive {arrive}; a visit may not "
                            "cross midnight",
                            depart=format(visit.depart, "%H:%M"),
                            arrive=format(visit.arrive, "%H:%M"),
                        ),
                    )
                )
    return out
