"""The voting day's second objective, in the program of the shift engine: officers within the
area of their own Polsek (`voting.areas`), as many as the first objective (heads by priority)
leaves room for.

For every kecamatan and category of TPS group (and every kecamatan's Padal) a column counts
the heads filled there; those of one weight add up to the program's tier of that weight, so
that the coverage stays what the first stage proved. For every class of officers whose unit
covers some kecamatan, a column per such kecamatan counts its officers on duty there; they are
at most the class's officers on that duty, and at most the heads filled there. The most of
them is solved for and fixed as a row, before the fairness.

A Bhabinkamtibmas at his own desa is decided afterwards, when names are given out
(`voting_names`): among the officers of one class sent to one kecamatan, which are
interchangeable for every rule.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from sinjai_ops.rules import Role, role_of
from sinjai_ops.solve.classes import OfficerClass
from sinjai_ops.solve.model import Outcome
from sinjai_ops.solve.program import NoPlanInTime, Program, solve_whole
from sinjai_ops.solve.voting import Widened, on_duty_slot


@dataclass
class Homes:
    """The stage (`model.Stage`), and what it read of the solved program afterwards."""

    wide: Widened
    filled_col: dict[int, int] = field(default_factory=dict)
    """Need index (a duty need) to its column: heads filled there."""
    home_col: dict[tuple[int, int, Role, str], int] = field(default_factory=dict)
    """(class, slot, role, kecamatan) to its column: officers of the class on duty there."""
    classes: list[OfficerClass] = field(default_factory=list)
    """The classes of officers the program was made of (set by the solve)."""
    outcome: Outcome | None = None
    """The solved program (set by the solve; None when there was none in time)."""

    def __call__(
        self,
        prog: Program,
        v: object,
        classes: list[OfficerClass],
        deadline: float,
        values: np.ndarray,
    ) -> np.ndarray:
        tiers: dict[tuple[int, Role, int], int] = v.tiers  # type: ignore[attr-defined]
        working: dict[tuple[int, int, Role], int] = v.working  # type: ignore[attr-defined]
        kecamatan_at = self._places()
        homes = []
        for (c, slot, role), col in sorted(working.items()):
            area = self.wide.homes.get(classes[c].members[0])
            if area is None or (slot, role) not in kecamatan_at:
                continue
            own = [k for k in area.split("\t") if k in kecamatan_at[(slot, role)]]
            if own:
                homes.append((c, slot, role, col, own))
        if not homes:
            return values
        places = self._filled(prog, tiers)
        gathered: dict[tuple[int, Role, str], list[tuple[int, float]]] = defaultdict(list)
        for c, slot, role, col, own in homes:
            terms = [(col, -1.0)]
            for kecamatan in own:
                at = prog.column(0.0, 0.0, prog.upper[col], integer=True)
                self.home_col[(c, slot, role, kecamatan)] = at
                terms.append((at, 1.0))
                gathered[(slot, role, kecamatan)].append((at, 1.0))
            prog.row(terms, -math.inf, 0.0)
        for key, terms in sorted(gathered.items()):
            heads = [(col, -1.0) for col in places[(key[0], key[1])][key[2]]]
            prog.row(terms + heads, -math.inf, 0.0)
        cols = list(self.home_col.values())
        prog.cost = [0.0] * len(prog.cost)
        for col in cols:
            prog.cost[col] = 1.0
        try:
            values = solve_whole(prog, deadline)[0]
        except NoPlanInTime:
            # No time left: the covering plan stands, with no officers counted at home.
            prog.cost = [0.0] * len(prog.cost)
            return np.concatenate([values, np.zeros(len(prog.cost) - len(values))])
        best = round(sum(values[col] for col in cols))
        prog.row([(col, 1.0) for col in cols], best - 0.5, math.inf)
        prog.cost = [0.0] * len(prog.cost)
        return values

    def _places(self) -> dict[tuple[int, Role], set[str]]:
        """By slot and role of the duty, the kecamatan that need heads of it."""
        wide = self.wide
        slot_index = {(s.date, s.shift): i for i, s in enumerate(wide.demand.slots)}
        out: dict[tuple[int, Role], set[str]] = defaultdict(set)
        for n in range(wide.base, len(wide.demand.needs)):
            need = wide.demand.needs[n]
            key = (slot_index[(need.date, need.shift)], role_of(need))
            out[key].add(wide.duties[n - wide.base].kecamatan)
        return out

    def _filled(
        self, prog: Program, tiers: dict[tuple[int, Role, int], int]
    ) -> dict[tuple[int, Role], dict[str, list[int]]]:
        """A column per duty need (heads filled there), tied to the tiers; by slot and role,
        the columns of each kecamatan."""
        wide = self.wide
        slot_index = {(s.date, s.shift): i for i, s in enumerate(wide.demand.slots)}
        by_tier: dict[tuple[int, Role, int], list[tuple[int, float]]] = defaultdict(list)
        places: dict[tuple[int, Role], dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for n in range(wide.base, len(wide.demand.needs)):
            need = wide.demand.needs[n]
            slot, role = slot_index[(need.date, need.shift)], role_of(need)
            col = prog.column(0.0, 0.0, float(need.heads), integer=True)
            self.filled_col[n] = col
            by_tier[(slot, role, need.weight)].append((col, 1.0))
            places[(slot, role)][wide.duties[n - wide.base].kecamatan].append(col)
        for key, terms in sorted(by_tier.items()):
            prog.row([*terms, (tiers[key], -1.0)], 0.0, 0.0)
        return places

    def read(
        self, outcome: Outcome
    ) -> tuple[dict[int, int], dict[tuple[int, int, Role], dict[str, int]]]:
        """From the solved program: heads filled per duty need, and per class, slot and role
        the officers sent to each kecamatan of their own area."""
        values = outcome.values
        if values is None or not self.filled_col or len(values) <= max(self.filled_col.values()):
            return {}, {}
        filled = {n: round(values[col]) for n, col in self.filled_col.items()}
        duty = {t for t, slot in enumerate(self.wide.demand.slots) if on_duty_slot(slot)}
        on_duty = sum(k for (_, slot, _), k in outcome.working.items() if slot in duty)
        if sum(filled.values()) != on_duty:
            # The stage ran out of time and no later stage solved the program again: its
            # columns hold no plan, and the names are given out as the naming left them.
            return {}, {}
        sent: dict[tuple[int, int, Role], dict[str, int]] = defaultdict(dict)
        for (c, slot, role, kecamatan), col in self.home_col.items():
            count = round(values[col])
            if count:
                sent[(c, slot, role)][kecamatan] = count
        return filled, dict(sent)
