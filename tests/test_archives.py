"""A department's files sent as one 附件.zip: each file in it checked as if it had been extracted, named
`附件.zip!/自评表/x.xlsx`, never written to disk; every way an archive can fail says so and costs nothing else."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

import hostile
import jixiao
from rar5 import rar5
from conftest import EXAMPLE_JSON, EXAMPLE_TXT, EXAMPLES
from jixiao import archives
from jixiao.engine import Auditor, Options

FORMS = EXAMPLES / "wuling-civil-affairs-2022-self-evaluation-tables.xlsx"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
ARCHIVES = Path(__file__).resolve().parent / "data" / "archives"  # .7z made with 7-Zip, .rar made with WinRAR (README)
needs_libarchive = pytest.mark.skipif(not archives.rar_7z_available(),
                                      reason="rar and 7z need the archives extra (libarchive-c) and the system's libarchive")


def _zip(path: Path, members: dict[str, bytes | Path], *, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content.read_bytes() if isinstance(content, Path) else content)
    return path


def _legacy_names(path: Path, names: dict[str, bytes], content: bytes) -> Path:
    """A zip whose member names are the given bytes and whose UTF-8 flag is not set, as Windows' "send to
    compressed folder" and WinRAR write them on a Chinese system (zipfile itself would write UTF-8)."""
    placeholders = {f"{index:0{len(raw) - 4}d}.txt".encode(): raw for index, raw in enumerate(names.values())}
    assert all(len(p) == len(raw) for p, raw in placeholders.items())
    with zipfile.ZipFile(path, "w") as archive:
        for placeholder in placeholders:
            archive.writestr(placeholder.decode(), content)
    data = path.read_bytes()
    for placeholder, raw in placeholders.items():  # in the local header and in the central directory
        assert data.count(placeholder) == 2
        data = data.replace(placeholder, raw)
    path.write_bytes(data)
    return path


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    """A folder as a bureau receives it: one department's zip (a report, its 自评表 workbook, a structured
    report in a subfolder, Finder and Explorer leftovers, an archive inside the archive) beside a plain file."""
    folder = tmp_path / "收件"
    folder.mkdir()
    _zip(folder / "青龙县总工会附件.zip", {
        "青龙县总工会/绩效自评报告.txt": EXAMPLE_TXT,
        "青龙县总工会/自评表/项目支出绩效自评表.xlsx": FORMS,
        "青龙县总工会/数据/report.json": EXAMPLE_JSON,
        "青龙县总工会/": b"",  # a folder's own entry
        "__MACOSX/青龙县总工会/._绩效自评报告.txt": b"\0\5\26\7",
        "青龙县总工会/Thumbs.db": b"\0" * 16,
        "青龙县总工会/.DS_Store": b"\0" * 16,
        "旧材料.zip": _zip(folder.parent / "inner.zip", {"a.txt": b"x"}),
    })
    shutil.copy(EXAMPLE_TXT, folder / "另一单位.txt")
    return folder


def _by_source(results) -> dict[str, object]:
    return {r.source: r for r in results}


def test_each_file_in_a_zip_is_checked_as_if_extracted(sent: Path, tmp_path: Path):
    archive = sent / "青龙县总工会附件.zip"
    results = _by_source(jixiao.check_many([sent]))
    member = f"{archive}!/青龙县总工会/"
    assert sorted(results) == sorted([
        str(archive) + "!/旧材料.zip", member + "数据/report.json", member + "绩效自评报告.txt",
        member + "自评表/项目支出绩效自评表.xlsx", str(sent / "另一单位.txt")])
    extracted = tmp_path / "extracted"
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(extracted)
    for name in ("绩效自评报告.txt", "自评表/项目支出绩效自评表.xlsx", "数据/report.json"):
        inside = results[member + name]
        alone = jixiao.check(extracted / "青龙县总工会" / name)
        assert not inside.unreadable and inside.findings  # (the examples have findings)
        assert [(f.rule_id, f.message, f.location.line if f.location else None) for f in inside.findings] == \
               [(f.rule_id, f.message, f.location.line if f.location else None) for f in alone.findings]
        assert all(f.location is None or f.location.artifact in (None, member + name) for f in inside.findings)
    nested = results[str(archive) + "!/旧材料.zip"]
    assert nested.unreadable and nested.findings[0].values["problem"] == "archive"
    assert "压缩包里的压缩包不打开" in nested.findings[0].message


def test_the_command_line_names_members_and_workers_read_them_too(sent: Path, tmp_path: Path):
    outputs = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.json"
        done = subprocess.run([str(Path(sys.executable).with_name("jixiao")), "check", str(sent), "--format", "json", "--jobs", jobs,
                               "--output", str(target), "--no-progress"], capture_output=True, text=True)
        assert done.returncode == 2, done.stderr  # the archive inside the archive cannot be read
        outputs[jobs] = target.read_bytes()
    assert outputs["1"] == outputs["2"]
    sources = [r["source"] for r in json.loads(outputs["1"])["reports"]]
    assert f"{sent / '青龙县总工会附件.zip'}!/青龙县总工会/绩效自评报告.txt" in sources
    assert not any("__MACOSX" in s or "Thumbs.db" in s or ".DS_Store" in s for s in sources)
    assert not (sent / "青龙县总工会").exists()  # nothing extracted anywhere


def test_sarif_names_members_by_a_valid_uri(sent: Path, tmp_path: Path, cli):
    target = tmp_path / "out.sarif"
    cli("check", sent, "--format", "sarif", "--output", target, "--no-progress")
    log = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    uris = {a["location"]["uri"] for a in log["runs"][0]["artifacts"]}
    assert "%E9%9D%92%E9%BE%99%E5%8E%BF%E6%80%BB%E5%B7%A5%E4%BC%9A%E9%99%84%E4%BB%B6.zip!/" \
           "%E9%9D%92%E9%BE%99%E5%8E%BF%E6%80%BB%E5%B7%A5%E4%BC%9A/%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.txt" in uris


def test_names_written_in_gbk_or_utf8_without_the_flag_are_read_as_written(tmp_path: Path):
    names = {"gbk": "二〇二一年绩效自评报告.txt".encode("gb18030"), "utf8": "自评报告（定稿）.txt".encode()}
    archive = _legacy_names(tmp_path / "附件.zip", names, EXAMPLE_TXT.read_bytes())
    sources = archives.members(str(archive))
    assert sources == [f"{archive}!/二〇二一年绩效自评报告.txt", f"{archive}!/自评报告（定稿）.txt"]
    for source in sources:
        result = Auditor(Options()).check_path(source)
        assert not result.unreadable and result.report["department"]["name"] == "青龙满族自治县总工会"


def test_an_archive_that_gives_nothing_says_why_and_the_batch_goes_on(tmp_path: Path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "损坏.zip").write_bytes(b"PK\x03\x04" + bytes(40))
    _zip(folder / "空.zip", {"文件夹/": b""})
    _zip(folder / "多.zip", {f"{n}.txt": b"x" for n in range(5)})
    (folder / "材料.rar").write_bytes(b"Rar!\x1a\x07\x00" + bytes(40))
    shutil.copy(EXAMPLE_TXT, folder / "r.txt")
    monkeypatch.setattr(archives, "MAX_MEMBERS", 4)
    results = {Path(r.source).name: r for r in jixiao.check_many([folder])}
    assert set(results) == {"损坏.zip", "空.zip", "多.zip", "材料.rar", "r.txt"}
    problems = {name: r.findings[0].values["problem"] for name, r in results.items() if r.unreadable}
    assert problems == {"损坏.zip": "archive_damaged", "空.zip": "archive_empty", "多.zip": "archive_too_many",
                        "材料.rar": "archive_unreadable" if archives.rar_7z_available() else "archive"}
    assert "压缩包已损坏" in results["损坏.zip"].findings[0].message
    assert results["r.txt"].status == "warnings"


def test_a_member_that_cannot_be_read_costs_only_itself(tmp_path: Path):
    limit = EXAMPLE_TXT.stat().st_size + 100
    archive = _zip(tmp_path / "附件.zip", {"报告.txt": EXAMPLE_TXT, "加密.txt": b"secret", "大.txt": b"x" * (limit + 1)})
    data = bytearray(archive.read_bytes())  # 加密.txt marked as encrypted (zipfile cannot write a password)
    name = "加密.txt".encode()
    for header, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(header)
        while at >= 0:
            length = int.from_bytes(data[at + flags + 20:at + flags + 22], "little")  # the name's length
            start = at + (30 if header == b"PK\x03\x04" else 46)
            if data[start:start + length] == name:
                data[at + flags] |= 0x1
            at = data.find(header, at + 1)
    archive.write_bytes(bytes(data))
    results = {r.source.rpartition("!/")[2]: r for r in jixiao.check_many([archive], max_bytes=limit)}
    assert results["加密.txt"].findings[0].values["problem"] == "archive_encrypted"
    assert "设了密码" in results["加密.txt"].findings[0].message
    assert results["大.txt"].findings[0].values["problem"] == "too_large"
    assert f"{archive}!/大.txt" in results["大.txt"].findings[0].message
    assert not results["报告.txt"].unreadable


def test_a_bomb_in_an_archive_is_stopped_at_the_limit(tmp_path: Path):
    """Never inflated past --max-bytes: a bomb is refused by its size, a member whose header understates its
    size is read no further than the size it claims and then found damaged."""
    bomb = hostile.zip_bomb(tmp_path / "附件.zip", inflated=64 << 20, member="报告.txt")
    liar = hostile.lying_zip(tmp_path / "说谎.zip", inflated=8 << 20, claimed=100, member="报告.txt")
    results = {Path(r.source.partition("!/")[0]).name: r for r in jixiao.check_many([bomb, liar], max_bytes=1 << 20)}
    assert results["附件.zip"].findings[0].values["problem"] == "too_large"
    assert results["说谎.zip"].findings[0].values["problem"] == "archive_damaged"


def test_a_zip_checked_alone_says_how_to_check_it(sent: Path):
    result = jixiao.check(sent / "青龙县总工会附件.zip")
    assert result.unreadable and result.findings[0].values["problem"] == "archive_alone"
    assert "jixiao check" in result.findings[0].message
    member = f"{sent / '青龙县总工会附件.zip'}!/青龙县总工会/数据/report.json"
    assert jixiao.extract(member)["department"]["name"] == "青龙满族自治县总工会"
    assert jixiao.check(member).status == "warnings"


def test_a_missing_member_is_not_found(sent: Path):
    result = Auditor(Options()).check_path(f"{sent / '青龙县总工会附件.zip'}!/没有这个.txt")
    assert result.unreadable and result.findings[0].values["problem"] == "not_found"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_worker_never_reads_through_the_parents_open_archive(sent: Path):
    """The parent opens a zip to list it; a worker forked after that shares the file's offset, so a read of its
    own would interleave with the parent's. The worker starts with no open archive and opens its own."""
    archive = sent / "青龙县总工会附件.zip"
    assert archives.members(str(archive))
    [before] = [v for k, v in archives._OPEN.items() if k[0] == str(archive)]  # kept open, to read its members
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's side
        try:
            data = archives.read_member(f"{archive}!/青龙县总工会/绩效自评报告.txt", 1 << 20)
            [after] = [v for k, v in archives._OPEN.items() if k[0] == str(archive)]
            os.write(writing, f"{after is before} {data == EXAMPLE_TXT.read_bytes()}".encode())
        finally:
            os._exit(0)
    os.close(writing)
    os.waitpid(child, 0)
    assert os.read(reading, 100).decode() == "False True"  # the worker's own archive, opened after the fork
    os.close(reading)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO")
def test_a_fifo_named_like_a_zip_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "附件.zip"
    os.mkfifo(fifo)
    [listed] = jixiao.check_many([tmp_path], timeout=5)
    assert listed.unreadable and listed.source == str(fifo)
    member = Auditor(Options(timeout=5)).check_path(f"{fifo}!/报告.txt")
    assert member.unreadable and member.findings[0].values["problem"] == "not_regular"


# -- .rar and .7z, through libarchive ------------------------------------------------------------------
@pytest.fixture
def packed(tmp_path: Path) -> Path:
    """A folder holding one department's files as .rar (RAR 5, as WinRAR writes them: UTF-8 names) and another's
    as a solid .7z made by 7-Zip, each with a macOS leftover that is no source."""
    folder = tmp_path / "收件"
    folder.mkdir()
    (folder / "青龙县总工会.rar").write_bytes(rar5([
        ("青龙县总工会/绩效自评报告.txt", EXAMPLE_TXT.read_bytes()),
        ("青龙县总工会/自评表/项目支出绩效自评表.xlsx", FORMS.read_bytes()),
        ("__MACOSX/青龙县总工会/._绩效自评报告.txt", b"\0\5\26\7"),
    ]))
    shutil.copy(ARCHIVES / "报送材料.7z", folder)
    return folder


@needs_libarchive
def test_rar_and_7z_members_are_checked_as_if_extracted(packed: Path):
    rar, seven = packed / "青龙县总工会.rar", packed / "报送材料.7z"
    results = _by_source(jixiao.check_many([packed]))
    pairs = {f"{rar}!/青龙县总工会/绩效自评报告.txt": EXAMPLE_TXT,
             f"{rar}!/青龙县总工会/自评表/项目支出绩效自评表.xlsx": FORMS,
             f"{seven}!/报送材料/青龙县总工会绩效自评报告.txt": EXAMPLE_TXT,
             f"{seven}!/报送材料/自评表/武陵区民政局项目支出绩效自评表.xlsx": FORMS}
    assert sorted(results) == sorted(pairs)  # no __MACOSX, no folders' entries
    for source, original in pairs.items():
        inside, alone = results[source], jixiao.check(original)
        assert not inside.unreadable and inside.findings
        assert [(f.rule_id, f.message, f.location.line if f.location else None) for f in inside.findings] == \
               [(f.rule_id, f.message, f.location.line if f.location else None) for f in alone.findings]
    assert jixiao.extract(f"{rar}!/青龙县总工会/绩效自评报告.txt")["department"]["name"] == "青龙满族自治县总工会"


@needs_libarchive
def test_rar_and_7z_members_are_read_by_forked_workers_alike(packed: Path, tmp_path: Path):
    outputs = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.json"
        done = subprocess.run([str(Path(sys.executable).with_name("jixiao")), "check", str(packed), "--format", "json",
                               "--jobs", jobs, "--output", str(target), "--no-progress"], capture_output=True, text=True)
        assert done.returncode == 1, done.stderr  # the examples' findings, nothing unreadable
        outputs[jobs] = target.read_bytes()
    assert outputs["1"] == outputs["2"]
    assert len(json.loads(outputs["1"])["reports"]) == 4


@needs_libarchive
def test_a_real_winrar_archive_is_decompressed(tmp_path: Path):
    """A RAR 5 archive made by WinRAR itself, its first member compressed (55 bytes for 2,048): read as written."""
    archive = ARCHIVES / "rar5-crc.rar"
    expected = "".join(f"{n:03d}\n" for n in range(512)).encode()
    assert archives.members(str(archive)) == [f"{archive}!/stest1.txt", f"{archive}!/stest2.txt"]
    for source in archives.members(str(archive)) or []:
        assert archives.read_member(source, 1 << 20) == expected


@needs_libarchive
def test_an_archive_libarchive_cannot_read_says_so_and_costs_only_itself(tmp_path: Path):
    """A solid RAR 3 archive (which libarchive does not decompress), a 7z whose names are encrypted too, a 7z
    member with a password, a member past --max-bytes: each an `input` finding of its own, never an error about
    the report; the plain file beside them is checked."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("rar3-solid.rar", "设了密码.7z", "连文件名都加密.7z"):
        shutil.copy(ARCHIVES / name, folder)
    limit = EXAMPLE_TXT.stat().st_size + 100
    (folder / "大.rar").write_bytes(rar5([("大.txt", b"x" * (limit + 1))]))
    shutil.copy(EXAMPLE_TXT, folder / "r.txt")
    results = {Path(r.source.partition("!/")[0]).name: r for r in jixiao.check_many([folder], max_bytes=limit)}
    problems = {name: r.findings[0].values["problem"] for name, r in results.items() if r.unreadable}
    assert problems == {"rar3-solid.rar": "archive_unreadable", "连文件名都加密.7z": "archive_password",
                        "设了密码.7z": "archive_encrypted", "大.rar": "too_large"}
    assert "无法打开这个压缩包" in results["rar3-solid.rar"].findings[0].message
    assert "RAR solid archive" in results["rar3-solid.rar"].findings[0].message  # libarchive's words, no C details
    assert "errno" not in results["rar3-solid.rar"].findings[0].message
    assert "设了密码" in results["连文件名都加密.7z"].findings[0].message
    assert all(f.category == "input" for r in results.values() if r.unreadable for f in r.findings)
    assert results["r.txt"].status == "warnings"


@needs_libarchive
def test_a_member_whose_size_is_not_declared_is_read_no_further_than_the_limit(packed: Path, monkeypatch):
    """libarchive decompresses block by block; a member whose header gives no size (or a false one) is counted
    as it is decompressed and refused once past the limit, not read to its end first."""
    rar = str(packed / "青龙县总工会.rar")
    name = "青龙县总工会/绩效自评报告.txt"
    listing = archives._listing(rar)
    monkeypatch.setitem(listing.entries, name, (None, False))
    with pytest.raises(archives.InputError) as raised:
        archives.read_member(f"{rar}!/{name}", 1000)
    assert raised.value.key == "too_large" and raised.value.path == f"{rar}!/{name}"


def test_without_libarchive_rar_and_7z_say_to_extract_them(packed: Path, monkeypatch, cli):
    monkeypatch.setattr(archives, "_LIBARCHIVE", [None])
    results = {Path(r.source).name: r for r in jixiao.check_many([packed])}
    assert set(results) == {"青龙县总工会.rar", "报送材料.7z"}
    for result in results.values():
        assert result.unreadable and result.findings[0].values["problem"] == "archive"
        assert "解压" in result.findings[0].message and "archives 扩展" in result.findings[0].message
    member = Auditor(Options()).check_path(f"{packed / '青龙县总工会.rar'}!/青龙县总工会/绩效自评报告.txt")
    assert member.unreadable and member.findings[0].values["problem"] == "archive"


def _mail_with_attachments(path: Path, attachments: dict[str, bytes]) -> Path:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"] = "青龙县总工会 <zgh@example.gov.cn>", "县财政局绩效科 <jxk@example.gov.cn>"
    message["Subject"] = "报送2021年度绩效自评材料"
    message.set_content(EXAMPLE_TXT.read_text(encoding="utf-8"), cte="8bit")
    for name, data in attachments.items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(bytes(message))
    return path


def test_an_emails_attachments_are_checked_each_as_a_file_of_its_own(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(archives, "rar_7z_available", lambda: False)  # (a message needs no libarchive)
    form = (EXAMPLES / "wuling-civil-affairs-2022-self-evaluation-tables.xlsx").read_bytes()
    sent = _mail_with_attachments(tmp_path / "报送.eml", {"项目支出绩效自评表.xlsx": form, "说明.zip": b"PK\x05\x06" + bytes(18)})
    results = _by_source(jixiao.check_many([tmp_path]))
    assert sorted(results) == sorted([str(sent), f"{sent}!/说明.zip", f"{sent}!/项目支出绩效自评表.xlsx"])
    body, attached = results[str(sent)], results[f"{sent}!/项目支出绩效自评表.xlsx"]
    alone = jixiao.check(EXAMPLES / "wuling-civil-affairs-2022-self-evaluation-tables.xlsx")
    assert [(f.rule_id, f.message) for f in attached.findings] == [(f.rule_id, f.message) for f in alone.findings]
    assert attached.findings and all(f.location is None or f.location.artifact in (None, f"{sent}!/项目支出绩效自评表.xlsx")
                                     for f in attached.findings)
    # the message's own text is the example report, read as it is; the attachments are named in an info
    said = [f for f in body.findings if f.values.get("problem") == "mail_attachments"]
    assert len(said) == 1 and "各自作为一个文件检查" in said[0].message
    assert [f.rule_id for f in body.findings if f.severity != "info"] == \
        [f.rule_id for f in jixiao.check(EXAMPLE_TXT).findings if f.severity != "info"]
    assert results[f"{sent}!/说明.zip"].unreadable  # (an archive in a message: extract it; nothing else is lost)


def test_an_email_without_attachments_is_one_source_and_a_broken_one_costs_only_itself(tmp_path: Path):
    plain = _mail_with_attachments(tmp_path / "a.eml", {})
    (tmp_path / "b.eml").write_bytes(b"\x00\xff not a message at all")
    results = _by_source(jixiao.check_many([tmp_path]))
    assert sorted(results) == [str(plain), str(tmp_path / "b.eml")]
    assert not results[str(plain)].unreadable and results[str(tmp_path / "b.eml")].unreadable
    assert archives.split(f"{plain}!/x.xlsx") == (str(plain), "x.xlsx")
    with pytest.raises(jixiao.InputError):
        archives.read_member(f"{plain}!/x.xlsx", 1000)  # (no such attachment)
