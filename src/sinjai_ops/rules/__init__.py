"""May this officer take this head, and if not, why: the one home of every such verdict.

`eligibility` (who may fill which head on a day) and `schedule` (what one officer may work
together) list their rules; each answers with a `Reason` or None, and `explain` puts every
reason into words. Imports only the models.
"""

from sinjai_ops.rules.explain import explain, words
from sinjai_ops.rules.reasons import Code, Reason
from sinjai_ops.rules.role import Role, role_of

__all__ = ["Code", "Reason", "Role", "explain", "role_of", "words"]
