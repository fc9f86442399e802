"""How the officer asked to see a result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class View:
    lang: str = "en"
    by: Literal["post", "person"] = "post"
