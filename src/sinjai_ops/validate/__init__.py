"""The validate stage: plain data to models, and the checks that span fields and files.

Every finding is a `Problem` placed at the file, line and column of the node it is about. One
module per file kind (operation, roster, arrivals, adjustments, templates, policy), one for the
checks across files (cross), one for ids used twice (identities), one for turning pydantic's
errors into problems (errors), and the stage itself (scenario).
"""

from sinjai_ops.validate.errors import parse_model
from sinjai_ops.validate.scenario import MODELS, Defaults, check_scenario

__all__ = ["MODELS", "Defaults", "check_scenario", "parse_model"]
