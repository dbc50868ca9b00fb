"""Section kinds: the outline a report must follow (titles with aliases, order, no duplicates)."""

from __future__ import annotations

import itertools

import re
from functools import lru_cache
import unicodedata
from typing import TYPE_CHECKING, Any

from jixiao.kit import MESSAGE, Finding, Kind, Location, RuleContext, compile_with

if TYPE_CHECKING:
    from .cells import Rule

_NUMBERING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+[章节部分]|[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）]|\d+(?:\.\d+)*[、.．]?)\s*"
)
_PUNCTUATION = re.compile(r"[\s、，,。.．:：;；“”\"'（）()《》]")


@lru_cache(maxsize=4096)
def normalise_title(title: str) -> str:
    title = unicodedata.normalize("NFKC", title)
    title = _NUMBERING.sub("", title, count=1)
    return _PUNCTUATION.sub("", title)


def _section_location(ctx: RuleContext, index: int, section: dict[str, Any]) -> Location | None:
    location = ctx.location(f"/sections/{index}") or ctx.location(f"/sections/{index}/title")
    if location is None and isinstance(section.get("line"), int):
        location = Location(line=section["line"], column=1, quote=section.get("title"))
    return location


def _required_names(rule: Rule) -> list[tuple[str, list[str]]]:
    """Each required section's title and the normalised names it may go by (once per rule)."""
    return [(required["title"], [normalise_title(n) for n in [required["title"], *required.get("aliases", [])]])
            for required in rule.param("sections")]


def check_required_sections(ctx: RuleContext, rule: Rule, plan: list[tuple[str, list[str]]]) -> list[Finding]:
    sections = ctx.value("/sections")
    if not isinstance(sections, list) or not sections:
        return []
    ctx.evaluated()
    level = rule.param("level")
    indexed = [
        (i, s, normalise_title(str(s.get("title", ""))))
        for i, s in enumerate(sections)
        if isinstance(s, dict) and (level is None or s.get("level", 1) == level)
    ]
    findings: list[Finding] = []
    positions: list[tuple[int, str]] = []  # (index in report, required title) for the order check
    for title, names in plan:
        required = {"title": title}
        matches = [(i, s) for i, s, norm in indexed if any(name and name in norm for name in names)]
        if not matches:
            findings.append(ctx.finding(None, {"missing": required["title"], "problem": "missing"}))
            continue
        positions.append((matches[0][0], required["title"]))
        if rule.param("no_duplicates", True):
            for i, section in matches[1:]:
                finding = ctx.finding(f"/sections/{i}", {"missing": required["title"], "duplicate": required["title"], "problem": "duplicate"},
                                      message=rule.param("duplicate_message") or _DUPLICATE)
                finding.location = _section_location(ctx, i, section)
                findings.append(finding)
    if rule.param("ordered", True):
        for (prev_index, prev_title), (index, title) in itertools.pairwise(positions):
            if index < prev_index:
                finding = ctx.finding(f"/sections/{index}", {"title": title, "after": prev_title, "problem": "order"},
                                      message=rule.param("order_message") or _ORDER)
                finding.location = _section_location(ctx, index, sections[index])
                findings.append(finding)
    return findings


_DUPLICATE = {"zh": "章节“{duplicate}”重复出现", "en": "Section '{duplicate}' appears more than once"}
_ORDER = {"zh": "章节“{title}”应位于“{after}”之后", "en": "Section '{title}' should come after '{after}'"}


KINDS = [
    Kind(
        name="required_sections",
        family="sections",
        values=frozenset({"after", "duplicate", "missing", "problem", "title"}),
        description="Required sections by title (with aliases), in order, each once.",
        params={
            "properties": {
                "sections": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "properties": {
                            "title": {"type": "string", "minLength": 1, "description": "The title as the outline gives it, without numbering."},
                            "aliases": {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "Other titles accepted for it."},
                        },
                        "required": ["title"],
                        "additionalProperties": False,
                    },
                },
                "ordered": {"type": "boolean", "description": "The sections must appear in the order listed (default true)."},
                "no_duplicates": {"type": "boolean", "description": "A required section may appear only once (default true)."},
                "level": {"type": "integer", "minimum": 1, "description": "Only consider headings of this level (1: 一、 2: （一）)."},
                "order_message": {**MESSAGE, "description": "Message for a section out of order ({title}, {after})."},
                "duplicate_message": {**MESSAGE, "description": "Message for a repeated section ({duplicate})."},
            },
            "required": ["sections"],
            "additionalProperties": False,
        },
        compile=compile_with(check_required_sections, _required_names),
    ),
]
