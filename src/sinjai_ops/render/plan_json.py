"""The plan for scripts: JSON per the file contract, and the same data as YAML."""

from __future__ import annotations

import json

import yaml

from sinjai_ops.models.plan import Plan
from sinjai_ops.render.plan_data import plan_data
from sinjai_ops.render.view import View


def as_json(plan: Plan, view: View) -> str:
    return json.dumps(plan_data(plan), ensure_ascii=False, indent=2) + "\n"


def as_yaml(plan: Plan, view: View) -> str:
    return yaml.safe_dump(plan_data(plan), sort_keys=False, allow_unicode=True, width=100)
