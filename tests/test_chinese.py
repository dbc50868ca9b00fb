"""Chinese throughout by default: every message table has a Chinese text for each entry (with the same
placeholders as its English), every help string has a translation, the command line prints no English
sentence of its own, and what a reviewer sees on the usual mistakes is Chinese."""

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import jixiao
import jixiao.plugins
from jixiao.clihelp import HELP_ZH

from conftest import EXAMPLE_JSON, ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")


def _modules():
    for package in (jixiao, jixiao.plugins):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith(("__main__",)) or ".cluster" in info.name:
                continue
            try:
                yield importlib.import_module(info.name)
            except ImportError:  # an optional dependency (OCR, Dask) that is not installed
                continue


def _tables():
    """Every module-level table of translations: {key: {"zh": ..., "en": ...}} (also nested one level,
    as the engine's rule table keeps titles and descriptions)."""
    for module in _modules():
        for name, value in vars(module).items():
            if not isinstance(value, dict) or not value:
                continue
            for key, entry in value.items():
                if isinstance(entry, dict) and "en" in entry and isinstance(entry["en"], str):
                    yield f"{module.__name__}.{name}[{key}]", entry
                elif isinstance(entry, dict):
                    for sub, inner in entry.items():
                        if isinstance(inner, dict) and "en" in inner and isinstance(inner["en"], str):
                            yield f"{module.__name__}.{name}[{key}][{sub}]", inner


def _fields(template: str) -> set[str]:
    """The placeholders of a template; `zwhere` is `where` punctuated the Chinese way (with ：)."""
    names = {name.split("!")[0].split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    return {"where" if name == "zwhere" else name for name in names}


def test_there_are_many_tables_to_check():
    assert len(list(_tables())) > 150


@pytest.mark.parametrize("where, entry", list(_tables()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_message_has_chinese_with_the_same_placeholders(where, entry):
    zh = entry.get("zh")
    assert isinstance(zh, str) and zh, f"{where}: no Chinese text"
    words = [w for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", entry["en"])) if w != "jixiao"]
    if CJK.search(entry["en"]) is None and words:
        assert CJK.search(zh), f"{where}: the Chinese text is not Chinese: {zh!r}"
    if words:  # (an English text made only of placeholders passes a library's own message through)
        assert _fields(zh) == _fields(entry["en"]), f"{where}: placeholders differ: {zh!r} / {entry['en']!r}"


def _calls(path: Path, names: set[str]):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called in names:
                yield node


def test_every_help_string_has_a_chinese_translation():
    missing = []
    for path in sorted((ROOT / "core").glob("*.py")):
        for call in _calls(path, {"h"}):
            if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
                if call.args[0].value not in HELP_ZH:
                    missing.append(f"{path.name}:{call.lineno}: {call.args[0].value}")
    assert not missing, "help without Chinese:\n" + "\n".join(missing)


def test_every_command_has_chinese_help():
    from typer.main import get_command

    from jixiao.cli import app

    def walk(group, prefix=""):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, prefix + name + " ")
            else:
                yield prefix + name, command

    for name, command in walk(get_command(app)):
        assert command.help and CJK.search(command.help), f"jixiao {name}: help is not Chinese: {command.help!r}"


def test_the_command_line_prints_no_english_sentence_of_its_own():
    """What cli.py echoes or fails with comes from a message table, not from an English literal."""
    offenders = []
    for call in _calls(ROOT / "core" / "cli.py", {"echo", "_fail", "secho"}):
        for node in ast.walk(call):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and not re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", node.value):
                words = re.findall(r"[A-Za-z]{3,}", node.value)
                if len(words) >= 2 and not CJK.search(node.value):
                    offenders.append(f"cli.py:{call.lineno}: {node.value!r}")
    assert not offenders, "\n".join(offenders)


MISTAKES = [
    ("check", "no-such-file.json"),
    ("check", str(EXAMPLE_JSON), "--select", "NAT-ARTIH"),
    ("check", str(EXAMPLE_JSON), "--format", "yaml"),
    ("check", str(EXAMPLE_JSON), "--pack", "nowhere"),
    ("check", str(EXAMPLE_JSON), "--config", "missing.yaml"),
    ("rules", "show", "NAT-NOPE-001"),
    ("init-pack", "Bad Name"),
    ("schema", "nothing"),
]


@pytest.mark.parametrize("args", MISTAKES, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_the_usual_mistakes_are_told_in_chinese(cli, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, result.output
    for line in lines:
        assert CJK.search(line), f"not Chinese: {line!r}"
    english = cli(*args, "--lang", "en")
    assert english.exit_code == 2
    assert not any(CJK.search(line) and not re.search(r"[A-Za-z]{3,}", line)
                   for line in english.stderr.splitlines()), english.stderr
