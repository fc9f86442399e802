"""How the officer asked to see a result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class View:
    lang: str = "en"
    by: Literal["post", "person"] = "post"
    """The detail: a table per shift by post, or each officer's schedule."""
    overview: bool = True
    """The briefing screen first (per shift and site: needed, filled, missing; BKO; summary)."""
    detail: bool = True
    summary_only: bool = False
    """Only the Kapolres' page: officers and shift-posts per day, the conflicts, the BKO request
    by post with its remedies; nothing about the solver."""
    everyone: bool = False
    """who-fits: every officer who does not fit, each with why (else one line per reason)."""
    officer: str | None = None
    """One officer's NRP, for the views made per officer (calendars)."""
