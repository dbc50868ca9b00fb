"""Old and WPS formats (.doc, .wps, .et, an .xls xlrd cannot read) converted by LibreOffice, and what a reviewer
is told when LibreOffice is not installed. The tests that convert for real need `soffice` and skip without it;
the rest run everywhere (CI does not install LibreOffice)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import read_sidecar

from jixiao.engine import Auditor, Options
from jixiao.errors import InputError
from jixiao.plugins.extractors import legacy

from test_sniff import cfb, docx_bytes

TABLES = Path(__file__).resolve().parent / "corpus" / "tables"
SOFFICE = legacy.find_soffice()[0]
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui "
                            "libreoffice-calc-nogui to run the real conversions")


def soffice_convert(source: Path, target: str, folder: Path, infilter: str | None = None) -> Path:
    """The test's own conversion (to make a .doc or an HTML .xls from a corpus file)."""
    with tempfile.TemporaryDirectory() as profile:
        command = [SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", target,
                   "--outdir", str(folder), str(source)]
        if infilter:
            command.insert(3, f"--infilter={infilter}")
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    extension = target.split(":")[0]
    return folder / f"{source.stem}.{extension}"


def make_doc(docx: Path, folder: Path) -> Path:
    """A .doc made from a .docx by LibreOffice, through .odt: LibreOffice 7.4 drops the tables of a .docx it
    saves straight to .doc, and keeps them this way."""
    odt = soffice_convert(docx, "odt", folder / "odt")
    return soffice_convert(odt, "doc:MS Word 97", folder)


def extract(path: Path):
    return Auditor(Options(timeout=120)).extract_path(str(path))


def value_at(report, pointer: str):
    node = report
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def expected_fields(name: str) -> dict:
    return read_sidecar(TABLES / f"{name}.expected")["fields"]


def assert_fields(report, fields: dict) -> None:
    for pointer, want in fields.items():
        got = value_at(report, pointer)
        got = format(got, "f") if isinstance(got, Decimal) else got
        assert str(got) == str(want), pointer


# -- without LibreOffice -------------------------------------------------------------------------------------

@pytest.fixture
def no_soffice(monkeypatch, tmp_path):
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path / "nowhere" / "soffice"))


@pytest.mark.parametrize("name", ["报告.doc", "报告.wps", "报告.et"])
def test_without_libreoffice_a_legacy_file_is_unreadable_with_how_to_install(tmp_path, no_soffice, name):
    path = tmp_path / name
    path.write_bytes(cfb(["WordDocument", "1Table"]) if not name.endswith(".et") else cfb(["Contents"]))
    result = Auditor(Options()).check_path(str(path))
    assert result.unreadable and result.status == "unreadable"
    [finding] = result.findings
    assert finding.rule_id == "JX-INPUT" and finding.category == "input" and finding.severity == "error"
    text = finding.message
    assert "apt-get install libreoffice-writer libreoffice-calc" in text and "libreoffice.org" in text
    assert "PATH" in text and "JIXIAO_SOFFICE" in text and str(tmp_path / "nowhere") in text
    assert ("另存为 .xlsx" if name.endswith(".et") else "另存为 .docx") in text
    english = Auditor(Options(lang="en")).check_path(str(path)).findings[0].message
    assert "needs LibreOffice" in english and "libreoffice.org" in english


def test_without_libreoffice_on_path_either(tmp_path, monkeypatch):
    monkeypatch.delenv("JIXIAO_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(legacy, "_INSTALLED_AT", ())
    assert legacy.find_soffice() == (None, None)
    path = tmp_path / "报告.doc"
    path.write_bytes(cfb(["WordDocument"]))
    with pytest.raises(InputError) as caught:
        extract(path)
    assert "apt-get install libreoffice-writer libreoffice-calc" in caught.value.detail
    assert "JIXIAO_SOFFICE 指向" not in caught.value.detail


def test_jixiao_soffice_names_the_program(tmp_path, monkeypatch):
    program = tmp_path / "my-soffice"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(program))
    assert legacy.find_soffice() == (str(program), None)


def test_a_failed_conversion_says_so(tmp_path, monkeypatch):
    program = tmp_path / "soffice"  # a stand-in that converts nothing
    program.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    program.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(program))
    path = tmp_path / "报告.doc"
    path.write_bytes(cfb(["WordDocument"]))
    with pytest.raises(InputError) as caught:
        extract(path)
    assert "LibreOffice 未能把该 .doc 文件转换为 .docx" in caught.value.detail
    assert "source file could not be loaded" in caught.value.detail


def test_a_conversion_that_hangs_is_stopped_with_its_children(tmp_path, monkeypatch):
    marker = tmp_path / "child.pid"
    program = tmp_path / "soffice"  # a stand-in that hangs, with a child, as soffice.bin under oosplash does
    program.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {marker}\nwait\n")
    program.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(program))
    monkeypatch.setattr(legacy, "CONVERT_SECONDS", 1.0)
    path = tmp_path / "报告.wps"
    path.write_bytes(cfb(["WordDocument"]))
    with pytest.raises(InputError) as caught:
        extract(path)
    assert "1 秒内未能" in caught.value.detail and "--timeout" in caught.value.detail
    child = int(marker.read_text())
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child), "the converter's child process was left running"


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def test_the_conversion_uses_a_private_folder_and_profile(tmp_path, monkeypatch):
    log = tmp_path / "args.txt"
    program = tmp_path / "soffice"  # records its arguments and "converts" by copying a docx into --outdir
    source_docx = tmp_path / "real.docx"
    source_docx.write_bytes(docx_bytes())
    program.write_text(f"""#!/bin/sh
echo "$@" > {log}
while [ $# -gt 0 ]; do
  case "$1" in --outdir) shift; out="$1";; esac
  shift
done
mkdir -p "$out" && cp {source_docx} "$out/source.docx"
""")
    program.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(program))
    path = tmp_path / "老报告.doc"
    path.write_bytes(cfb(["WordDocument"]))
    result = Auditor(Options()).check_path(str(path))
    arguments = log.read_text()
    assert "-env:UserInstallation=file:///" in arguments and "--headless" in arguments
    assert "--convert-to docx" in arguments and "source.doc" in arguments and "老报告" not in arguments
    profile = arguments.split("-env:UserInstallation=file://")[1].split()[0]
    assert not Path(profile).parent.exists()  # the private folder is gone
    assert result.report["extraction"]["extractor"] == "doc"
    notes = [f for f in result.findings if f.values.get("problem") == "converted"]
    assert len(notes) == 1 and notes[0].severity == "info"
    assert "LibreOffice 转换为 .docx" in notes[0].message and "转换后的文本" in notes[0].message
    assert str(result.report["overall"]["execution_rate"]) == "84.9"


def test_an_unreadable_xls_keeps_xlrds_error_and_says_libreoffice_would_help(tmp_path, no_soffice):
    path = tmp_path / "网页.xls"
    path.write_text("<html><body><table><tr><td>项目名称</td><td>道路养护</td></tr></table></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        extract(path)
    assert "已损坏或不是 Excel 工作簿" in caught.value.detail and "libreoffice-calc" in caught.value.detail


def test_random_damage_in_an_xls_does_not_start_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "convert", lambda *a, **k: pytest.fail("LibreOffice started for junk"))
    path = tmp_path / "junk.xls"
    path.write_bytes(b"this is not a workbook at all")
    with pytest.raises(InputError) as caught:
        extract(path)
    assert "已损坏" in caught.value.detail and "LibreOffice" not in caught.value.detail


def test_a_wps_spreadsheet_in_biff_is_read_without_libreoffice(tmp_path, no_soffice):
    path = tmp_path / "自评表.et"
    shutil.copy(TABLES / "xls-national-clean.xls", path)
    report = extract(path).report
    assert report["extraction"]["extractor"] == "et"
    assert_fields(report, expected_fields("xls-national-clean"))


# -- real conversions ----------------------------------------------------------------------------------------

@needs_soffice
def test_a_doc_and_a_wps_read_as_their_docx_did(tmp_path):
    original = TABLES / "docx-national-clean.docx"
    doc = make_doc(original, tmp_path)
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    fields = expected_fields("docx-national-clean")
    result = Auditor(Options(timeout=120)).check_path(str(doc))
    assert not result.unreadable
    assert result.report["extraction"]["extractor"] == "doc"
    assert_fields(result.report, fields)
    assert [f.values["problem"] for f in result.findings if f.values.get("problem") == "converted"] == ["converted"]
    # provenance: a cell of the converted document's tables, its quote the text there
    place = result.report["provenance"]["/projects/0/executed"]
    assert place["quote"] == "165.00" and place["table"] >= 1
    wps = tmp_path / "自评表.wps"
    shutil.copy(doc, wps)
    report = extract(wps).report
    assert report["extraction"]["extractor"] == "wps"
    assert_fields(report, fields)


@needs_soffice
def test_prose_in_a_doc_keeps_paragraph_numbers(tmp_path):
    docx = tmp_path / "r.docx"
    docx.write_bytes(docx_bytes())
    doc = make_doc(docx, tmp_path / "out")
    extraction = extract(doc)
    place = extraction.report["provenance"]["/overall/execution_rate"]
    assert place["line"] == 3 and place["quote"] == "84.9%"


@needs_soffice
def test_an_xls_that_is_a_web_page_is_converted(tmp_path):
    original = TABLES / "xlsx-national-clean.xlsx"
    html = soffice_convert(original, "html:HTML (StarCalc)", tmp_path)
    page = tmp_path / "自评表.xls"
    html.rename(page)
    assert page.read_bytes().lstrip()[:1] == b"<"
    extraction = extract(page)
    assert extraction.report["extraction"]["extractor"] == "xls"
    assert_fields(extraction.report, {k: v for k, v in expected_fields("xlsx-national-clean").items()
                                      if "/projects/0/" in k and k.endswith(("budget", "executed", "name"))})
    notes = [f for f in extraction.findings if f.values.get("problem") == "converted"]
    assert notes and "工作表和单元格" in notes[0].message


@needs_soffice
def test_a_damaged_doc_is_a_clear_input_error(tmp_path):
    path = tmp_path / "坏.doc"
    path.write_bytes(cfb(["WordDocument"]))  # a directory and no document in it
    result = Auditor(Options(timeout=120)).check_path(str(path))
    assert result.unreadable and result.findings[0].rule_id == "JX-INPUT"
    assert "LibreOffice 未能把该 .doc 文件转换为 .docx" in result.findings[0].message
