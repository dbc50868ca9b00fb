"""The YAML parser behind `jixiao.yamlsafe.load_yaml` (imported on first use): PyYAML's composer, then our
own builder, which makes only plain data and records where each value and key stood."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from . import pointer as jp
from .errors import InputError
from .numbers import LIMITS_TEXT, plausible
from .yamlsafe import Position

try:  # the C composer is much faster; behaviour is the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_DECIMAL_INT = re.compile(r"^[-+]?\d{1,19}$")
_SCALARS = yaml.constructor.SafeConstructor()


class _Builder:
    def __init__(self, path: str, key_positions: dict[str, Position] | None = None):
        self.path = path
        self.positions: dict[str, Position] = {}
        self.key_positions = key_positions

    def build(self, node: yaml.Node, pointer: str, depth: int = 0) -> Any:
        """The value of `node`, standing at JSON Pointer `pointer` (built one step at a time, never
        re-joined from a list of tokens)."""
        mark = node.start_mark  # (its size was counted before building began: `_within_budget`)
        if depth > 500:
            raise InputError(self.path, mark.line + 1, mark.column + 1, "YAML nested too deeply", key="too_deep")
        self.positions[pointer] = Position(mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _TAG + "map":
                raise self._error(node, f"unsupported YAML tag {node.tag}", key="bad_tag", name=node.tag)
            result: dict[str, Any] = {}
            key_pointer = pointer + "/~key"
            for key_node, value_node in node.value:
                if key_node.tag == _TAG + "merge":
                    raise self._error(key_node, "YAML merge keys (<<) are not supported")
                key = self.build(key_node, key_pointer, depth + 1)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    raise self._error(key_node, "a mapping key must be a string")
                key = str(key)
                if key in result:
                    raise self._error(key_node, f"duplicate key '{key}'", key="duplicate_key", name=key)
                child = pointer + "/" + jp.escape(key)
                if self.key_positions is not None:  # where the key itself stands (an unknown key is shown there)
                    self.key_positions[child] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, child, depth + 1)
            self.positions.pop(key_pointer, None)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                raise self._error(node, f"unsupported YAML tag {node.tag}", key="bad_tag", name=node.tag)
            return [self.build(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)]
        if not isinstance(node, yaml.ScalarNode):  # the composer makes only mappings, sequences and scalars
            raise self._error(node, f"unsupported YAML tag {node.tag}", key="bad_tag", name=node.tag)
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _TAG + "str":
            return node.value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _SCALARS.construct_yaml_bool(node)
        if tag == _TAG + "int":
            # base 10 only: YAML 1.1 would read 010 as 8 and 1:00 as 60
            text = node.value.replace("_", "")
            if not _DECIMAL_INT.match(text):
                raise self._error(node, f"'{node.value[:40]}' is not a base-10 integer", key="bad_number")
            return int(text)
        if tag == _TAG + "float":
            text = node.value.replace("_", "")
            try:
                value = Decimal(text)
            except InvalidOperation:
                value = None
            if value is None or not plausible(value):
                raise self._error(node, f"'{node.value[:40]}' is not {LIMITS_TEXT}", key="bad_number")
            return value
        if tag == _TAG + "timestamp":
            return node.value
        raise self._error(node, f"unsupported YAML tag {tag}", key="bad_tag", name=tag)

    def _error(self, node: yaml.Node, message: str, key: str = "yaml_syntax", name: str = "") -> InputError:
        return InputError(self.path, node.start_mark.line + 1, node.start_mark.column + 1, message, key=key, name=name)


def parse(text: str, path: str, max_nodes: int,
          key_positions: dict[str, Position] | None = None) -> tuple[Any, dict[str, Position]]:
    """`jixiao.yamlsafe.load_yaml`'s work."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError(path, line, column, f"invalid YAML: {exc.problem or exc.context}", key="yaml_syntax") from None
    except yaml.YAMLError as exc:
        raise InputError(path, None, None, f"invalid YAML: {exc}", key="yaml_syntax") from None
    if node is None:
        return None, {}
    _within_budget(node, path, max_nodes)
    builder = _Builder(path, key_positions)
    return builder.build(node, ""), builder.positions


def _within_budget(root: yaml.Node, path: str, max_nodes: int) -> None:
    """Refuse a document that would expand to more than `max_nodes` nodes before building any of it: an alias is the
    node it names (the composer shares the object), so each distinct node's expanded size is counted once, and an
    alias bomb is told in microseconds rather than after building a million values."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int = 0) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if depth > 500:
            return 1  # (the builder names the depth itself, at its place)
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item, depth + 1) for item in node.value)
        sizes[id(node)] = total
        if total > max_nodes:
            mark = node.start_mark
            raise InputError(path, mark.line + 1, mark.column + 1, "too many YAML nodes (alias expansion?)",
                             key="yaml_too_large")
        return total

    size(root)
