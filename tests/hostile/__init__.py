"""Hostile inputs, built at test time (nothing binary is committed): reports with surrogate escapes and
control characters, file names that are not UTF-8, JSON nested 100,000 deep, 4,001-digit integers,
FIFOs and sockets, zip bombs, and plugins that exit, hang or eat memory.

Every function writes into a folder the test owns (`tmp_path`) and returns what it made.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE_JSON = ROOT / "examples" / "qinglong-trade-union-2021.json"
JIXIAO = str(Path(sys.executable).with_name("jixiao"))  # the installed command, run as a user runs it


def example() -> dict:
    return json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))


# -- reports ------------------------------------------------------------------------------------------
def small_report(index: int) -> dict:
    """A small structured report (about 400 bytes) whose findings depend on `index`: some clean, some
    with a wrong execution rate, some with a score that does not match its grade."""
    report = {
        "kind": "department_self_evaluation",
        "fiscal_year": 2021 + index % 3,
        "department": {"name": f"测试县第{index}局"},
        "overall": {"initial_budget": "100.00", "final": f"{50 + index % 50}.00",
                    "execution_rate": f"{50 + index % 50}.00" if index % 4 else "12.34"},
    }
    if index % 5 == 0:
        report["overall"]["score"] = "95"
        report["overall"]["grade"] = "差"
    return report


def write_batch(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"r{index:05d}.json"
        path.write_text(json.dumps(small_report(index), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def surrogate_report(path: Path) -> Path:
    """The example with `\\udfff` (a lone surrogate: valid JSON, not encodable) in the department's
    name and the title."""
    text = json.dumps(example(), ensure_ascii=False)
    text = text.replace('"青龙满族自治县总工会"', '"青龙\\udfff总工会"', 1)
    text = text.replace('"title": "', '"title": "\\udfff', 1)
    path.write_text(text, encoding="utf-8")
    return path


def control_char_report(path: Path) -> Path:
    """The example with U+0001 and U+001B in the department's name (XML cannot hold them)."""
    report = example()
    report["department"]["name"] = "青龙\x01满族\x1b自治县总工会"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return path


UNDECODABLE = "报告".encode("gbk") + b".json"  # B1 A8 B8 E6: not UTF-8 (图's CD BC would be: U+037C)
UNDECODABLE_SHOWN = "\\xb1\\xa8\\xb8\\xe6.json"  # how jixiao writes that name, whatever the locale


def undecodable_name(folder: Path, name: bytes = UNDECODABLE) -> str:
    """A report whose file name is GBK bytes (not UTF-8), made at the bytes level; returns the path as
    Python names it (os.fsdecode)."""
    raw = os.path.join(os.fsencode(folder), name)
    with open(raw, "wb") as handle:
        handle.write(EXAMPLE_JSON.read_bytes())
    return os.fsdecode(raw)


def deep_json(path: Path, depth: int = 100_000) -> Path:
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    return path


def big_int_json(path: Path, digits: int = 4001, where: str = "report") -> Path:
    """A 4,001-digit integer: in a report, a baseline or a SARIF log."""
    number = "9" * digits
    if where == "report":
        text = json.dumps(example(), ensure_ascii=False).replace('"fiscal_year": 2021', f'"fiscal_year": {number}', 1)
    elif where == "baseline":
        text = '{"format": "jixiao-baseline/1", "findings": [{"fingerprint": "x", "n": ' + number + "}]}"
    else:
        text = ('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"ruleId": "X", '
                '"message": {"text": "m"}, "rank": ' + number + "}]}]}")
    path.write_text(text, encoding="utf-8")
    return path


def repeated_findings_report(path: Path, projects: int = 2000) -> Path:
    """One report with `projects` projects each scored 95 but graded 差: one rule, `projects` findings."""
    report = example()
    report["projects"] = [{"name": f"项目{i}", "total_score": 95, "grade": "差"} for i in range(projects)]
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return path


# -- special files -----------------------------------------------------------------------------------
def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def unix_socket(path: Path) -> socket.socket:
    """A listening Unix socket at `path` (close it when done)."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    return server


# -- zip bombs ---------------------------------------------------------------------------------------
def zip_bomb(path: Path, inflated: int = 200 * 1024 * 1024, member: str = "word/document.xml") -> Path:
    """A zip whose one member inflates to `inflated` bytes of zeros (about 1,000:1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = b"\0" * (1 << 20)
            for _ in range(inflated // len(chunk)):
                handle.write(chunk)
    return path


def lying_zip(path: Path, inflated: int = 8 * 1024 * 1024, claimed: int = 100,
              member: str = "word/document.xml") -> Path:
    """A zip whose member's headers claim `claimed` bytes while it inflates to `inflated`."""
    zip_bomb(path, inflated, member)
    data = bytearray(path.read_bytes())
    size = inflated.to_bytes(4, "little")
    fake = claimed.to_bytes(4, "little")
    # local header: uncompressed size at offset 22; central directory entry: at offset 24
    local = data.find(b"PK\x03\x04")
    if data[local + 22:local + 26] == size:
        data[local + 22:local + 26] = fake
    central = data.find(b"PK\x01\x02")
    if data[central + 24:central + 28] == size:
        data[central + 24:central + 28] = fake
    path.write_bytes(bytes(data))
    return path


# -- plugins -----------------------------------------------------------------------------------------
FAULTY_PLUGIN = textwrap.dedent('''
    """A kind that misbehaves by the department's name: 死 os._exit, 退 SystemExit(0), 断 KeyboardInterrupt,
    卡 blocks the alarm and sleeps (stuck where --timeout cannot reach), 慢 sleeps a little."""
    import os
    import signal
    import time

    import jixiao

    def _check(report, rule, ctx):
        name = (report.get("department") or {}).get("name")
        if name == "死":
            os._exit(3)
        if name == "退":
            raise SystemExit(0)
        if name == "断":
            raise KeyboardInterrupt
        if name == "卡":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(3600)
        if isinstance(name, str) and name.startswith("慢"):
            time.sleep(float(os.environ.get("JIXIAO_TEST_SLOW", "0.05")))
        ctx.evaluated()
        return []

    @jixiao.hookimpl
    def jixiao_register_kinds():
        return [jixiao.Kind(name="faulty", params={"properties": {}, "additionalProperties": False}, check=_check)]
''')

FAULTY_PACK = "pack: faulty\nversion: '1'\nextends: [national]\nrules:\n  - id: FAULT-001\n    kind: faulty\n    message: {zh: x}\n"


def faulty_plugin(folder: Path) -> tuple[Path, Path]:
    plugin = folder / "faulty_plugin.py"
    plugin.write_text(FAULTY_PLUGIN, encoding="utf-8")
    pack = folder / "faulty.yaml"
    pack.write_text(FAULTY_PACK, encoding="utf-8")
    return plugin, pack


def named_reports(folder: Path, names: list[str]) -> list[Path]:
    """One copy of the example per name, as r0.json, r1.json…, the department named `name`."""
    folder.mkdir(parents=True, exist_ok=True)
    base = example()
    out = []
    for index, name in enumerate(names):
        base["department"]["name"] = name
        path = folder / f"r{index}.json"
        path.write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return out


PAUSING_FORMATTER = textwrap.dedent('''
    """A format `pausing` that writes half its output, then waits until the file named by
    $JIXIAO_TEST_GO exists (announcing the pause by creating $JIXIAO_TEST_PAUSED), then the rest."""
    import os
    import time

    import jixiao
    from jixiao.registry import Formatter

    def _write(batch, stream, options=None):
        body = (os.environ.get("JIXIAO_TEST_LABEL", "run") + "\\n") * int(os.environ.get("JIXIAO_TEST_LINES", "1000"))
        half = len(body) // 2
        stream.write(body[:half])
        stream.flush()
        open(os.environ["JIXIAO_TEST_PAUSED"], "w").close()
        while not os.path.exists(os.environ["JIXIAO_TEST_GO"]):
            time.sleep(0.01)
        stream.write(body[half:])

    @jixiao.hookimpl
    def jixiao_register_formatters():
        return [Formatter("pausing", ".txt", _write, "writes in two halves")]
''')

HANGING_PLUGIN = "import time\nwhile True:\n    time.sleep(0.05)\n"

BOMB_PLUGIN = textwrap.dedent('''
    """An extractor for `.bomb` files that allocates 4 GB, as a decompression bomb would."""
    import jixiao
    from jixiao.registry import Extractor

    def _extract(path, data, options=None):
        blob = bytearray(4 << 30)
        return blob

    @jixiao.hookimpl
    def jixiao_register_extractors():
        return [Extractor("bomb", (".bomb",), _extract, "allocates 4 GB")]
''')


def plugin_file(folder: Path, name: str, source: str) -> Path:
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    return path


# -- processes ---------------------------------------------------------------------------------------
def children(pid: int) -> list[int]:
    """The process ids whose parent is `pid` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found
