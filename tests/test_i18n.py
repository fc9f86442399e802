"""The command line's words in the catalog: every help text has its Indonesian, the compiled
catalog is the one the .po says, and the help follows the environment's language."""

from __future__ import annotations

import ast
import inspect
import io
import os
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from sinjai_ops import cli

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "src" / "sinjai_ops" / "locale" / "id" / "LC_MESSAGES"


def _msgids() -> list[str]:
    tree = ast.parse((ROOT / "src" / "sinjai_ops" / "cli.py").read_text(encoding="utf-8"))
    ids = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    for group in (cli.app, cli.roster_app):
        ids += [inspect.getdoc(i.callback) or "" for i in group.registered_commands]
    return [i for i in ids if i]


def test_every_help_text_has_its_indonesian() -> None:
    with (CATALOG / "sinjai_ops.po").open("rb") as handle:
        catalog = read_po(handle, locale="id")
    missing = [m for m in _msgids() if not (catalog.get(m) and catalog.get(m).string)]
    assert missing == [], "add these to sinjai_ops.po, then pybabel compile"


def test_the_compiled_catalog_is_the_one_the_po_says() -> None:
    with (CATALOG / "sinjai_ops.po").open("rb") as handle:
        catalog = read_po(handle, locale="id")
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    assert compiled.getvalue() == (CATALOG / "sinjai_ops.mo").read_bytes(), (
        "run: pybabel compile -d src/sinjai_ops/locale -D sinjai_ops"
    )


def test_help_follows_the_environments_language() -> None:
    def helped(lang: str) -> str:
        env = {**os.environ, "LANG": lang, "LC_ALL": "", "COLUMNS": "100"}
        return subprocess.run(
            [sys.executable, "-m", "sinjai_ops", "plan", "--help"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout

    assert "Tempatkan personel di setiap pos" in helped("id_ID.UTF-8")
    assert "Assign officers to every post" in helped("C.UTF-8")
