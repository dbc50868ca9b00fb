"""Built-in plugins are written as a third party would write them: they import `jixiao`, `jixiao.kit`,
`jixiao.hookspecs` and `jixiao.plugins.*`, never a private module of jixiao.

Two checks: a plain one over the source (every `import` and `from … import` of plugins/, wherever it
stands), which holds without any tool; and the import-linter contract of pyproject.toml, run with
`lint-imports` on a copy of the package laid out as it ships (plugins/ under jixiao/: the editable
install maps the two folders separately, which grimp cannot follow)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PUBLIC = {"jixiao", "jixiao.kit", "jixiao.hookspecs"}
# imports the owner of the file has still to move to jixiao.kit: {file: {module}}
PENDING: dict[str, set[str]] = {}  # file → private modules it may still import (none left)


def _imported(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    """(line, module) of every jixiao module a source file imports (relative imports resolved)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "jixiao"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] == "jixiao":
                found.append((node.lineno, module))
                if module == "jixiao":  # `from jixiao import pointer` names a module
                    found += [(node.lineno, f"jixiao.{alias.name}") for alias in node.names
                              if (ROOT / "core" / f"{alias.name}.py").exists()]
    return found


def test_built_in_plugins_import_only_public_modules():
    wrong = []
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        parts = ["jixiao", *path.relative_to(ROOT).with_suffix("").parts]
        package = ".".join(parts if path.name == "__init__.py" else parts[:-1]).removesuffix(".__init__")
        for line, module in _imported(ast.parse(path.read_text(encoding="utf-8")), package):
            if module in PUBLIC or module.startswith("jixiao.plugins") or module in PENDING.get(relative, ()):
                continue
            wrong.append(f"{relative}:{line}: imports {module}")
    assert not wrong, "built-in plugins must import jixiao.kit instead:\n" + "\n".join(wrong)


def test_the_kit_offers_what_it_lists():
    import jixiao.kit as kit

    missing = [name for name in kit.__all__ if not hasattr(kit, name)]
    assert not missing


def test_import_linter_contract(tmp_path):
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]' installs it)")
    target = tmp_path / "site"
    # the package as it ships (pyproject's package-dir): core/ is jixiao, plugins/ is jixiao.plugins
    shutil.copytree(ROOT / "core", target / "jixiao", ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copytree(ROOT / "plugins", target / "jixiao" / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)
    done = subprocess.run([lint, "--no-cache"], capture_output=True, text=True,
                          timeout=600, cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout
