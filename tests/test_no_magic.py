"""Streamlit's "magic" is off (.streamlit/config.toml): it re-parses a page's whole syntax tree on every fresh page
load (86 ms for /target against 7 ms to compile it), so no page may rely on a bare expression being written."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def bare_expressions(tree: ast.AST) -> list[tuple[int, str]]:
    """Statements magic would have written with st.write: expressions on their own line that are not calls."""
    found = []
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for i, stmt in enumerate(block):
                if not isinstance(stmt, ast.Expr):
                    continue
                value = stmt.value
                if isinstance(value, ast.Call | ast.Yield | ast.YieldFrom | ast.Await):
                    continue
                if i == 0 and field == "body" and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    continue  # a docstring
                found.append((stmt.lineno, ast.unparse(stmt)[:80]))
    return found


def test_magic_is_off_in_the_app_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_page_relies_on_magic_to_show_something(script):
    assert bare_expressions(ast.parse(script.read_text(encoding="utf-8"))) == []


def test_the_check_finds_a_bare_expression_that_magic_would_have_written():
    assert bare_expressions(ast.parse('"""doc"""\nx = 1\nx\nif x:\n    x and print(x)\n')) == [
        (3, "x"),
        (5, "x and print(x)"),
    ]
