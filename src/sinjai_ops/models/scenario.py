"""A valid scenario: the three files and the policy that applies to them."""

from __future__ import annotations

from pydantic import Field

from sinjai_ops.models.adjustments import AdjustmentsFile
from sinjai_ops.models.arrivals import ArrivalsFile
from sinjai_ops.models.checklist import Template
from sinjai_ops.models.common import Frozen
from sinjai_ops.models.operation import OperationFile
from sinjai_ops.models.policy import Policy
from sinjai_ops.models.received import ReceivedUnit
from sinjai_ops.models.roster import RosterFile
from sinjai_ops.models.voting import Tps


class Scenario(Frozen):
    operation: OperationFile
    roster: RosterFile
    arrivals: ArrivalsFile
    policy: Policy
    checklists: list[Template]
    """The shipped checklist templates with the operation's own merged in."""
    inputs: dict[str, str]
    """`sha256:<hex>` of each input file, by file name, so that a plan names what it came from."""
    adjustments: AdjustmentsFile = Field(default_factory=AdjustmentsFile)
    """Pins and absences (adjustments.yaml, optional)."""
    tps: list[Tps] = Field(default_factory=list)
    """The TPS list of a voting-day scenario (tps.csv, tps.xlsx or tps.yaml); empty otherwise."""

    def received(self) -> list[ReceivedUnit]:
        """The units received (operation.yaml's, then adjustments.yaml's)."""
        return [*self.operation.received_units, *self.adjustments.received_units]
