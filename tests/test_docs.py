"""The reference docs are generated from the code and schemas; they must not drift."""

from jixiao.docgen import hooks_reference, packs_reference
from jixiao.pluginmanager import default_plugins

from conftest import ROOT


def test_hooks_reference_is_current():
    assert (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8") == hooks_reference(), \
        "docs/hooks.md is stale: run `python -m jixiao.docgen docs/`"


def test_packs_reference_is_current():
    text = packs_reference(default_plugins())
    assert (ROOT / "docs" / "packs.md").read_text(encoding="utf-8") == text, \
        "docs/packs.md is stale: run `python -m jixiao.docgen docs/`"
    for kind in ("sum", "ratio", "grade_band", "required_sections", "date_window"):
        assert f"### `{kind}`" in text
