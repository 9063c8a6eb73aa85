"""Hostile and broken input: every kind gets its typed error, and input files are never modified."""
from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile

import docx
import pytest

from realdocs import real_file

from vbqppl_check.errors import (CorruptFileError, EmptyFileError, EncryptedFileError, FileAccessError,
                                 FileTooLargeError, InputError, LegacyDocError, UnsafeXmlError,
                                 UnsupportedFormatError, ZipBombError)
from vbqppl_check.limits import Limits
from vbqppl_check.readers import read
from vbqppl_check.readers import doc as doc_reader

ND30 = "nd30-2020-original-word/original/30_2020_ND_CP.docx"
LEGACY = "nd30-2020-original-word/original/Phuluc2.doc"


def _docx_bytes(text: str = "Điều 1. Phạm vi điều chỉnh") -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
           drop: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml")


# --- zip level ------------------------------------------------------------------------------------

def test_truncated_docx_is_corrupt():
    data = real_file(ND30).read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        with pytest.raises(CorruptFileError) as exc:
            read(data[:cut], name="cut.docx")
        assert "hỏng" in exc.value.message("vi") and "corrupt" in exc.value.message("en")


def test_damaged_member_is_corrupt():
    data = bytearray(_docx_bytes())
    pos = data.find(b"word/document.xml") + len("word/document.xml") + 40  # inside the deflated data
    data[pos:pos + 20] = b"\x00" * 20
    with pytest.raises(CorruptFileError):
        read(bytes(data), name="damaged.docx")


def test_zip_that_is_not_a_docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "not a word document")
    with pytest.raises(UnsupportedFormatError):
        read(buf.getvalue(), name="fake.docx")
    # an OOXML-looking package without its main part
    broken = _rezip(_docx_bytes(), drop=("word/document.xml",))
    with pytest.raises(UnsupportedFormatError) as exc:
        read(broken, name="nobody.docx")
    assert "DOCX" in exc.value.message("vi")


def test_binary_named_docx_is_unsupported():
    with pytest.raises(UnsupportedFormatError) as exc:
        read(bytes(range(256)) * 16, name="binary.docx")
    assert "DOCX" in exc.value.message("vi")


def test_pdf_or_text_named_docx_is_read_by_content():
    doc = read("Điều 1. Phạm vi\n".encode(), name="looks-like.docx")
    assert doc.format == "text"  # chosen by the bytes, not the name


def test_zip_bomb_by_ratio():
    data = _rezip(_docx_bytes(), add={"word/media/zeros.bin": b"\x00" * (8 * 1024 * 1024)})
    assert len(data) < 100_000  # small on disk, 8 MiB expanded
    with pytest.raises(ZipBombError):
        read(data, name="bomb.docx")


def test_zip_bomb_by_total_size():
    members = {f"word/media/img{i}.bin": os.urandom(64 * 1024) for i in range(4)}
    data = _rezip(_docx_bytes(), add=members)
    limits = Limits(max_uncompressed_bytes=200 * 1024)
    with pytest.raises(ZipBombError):
        read(data, name="big.docx", limits=limits)
    assert read(data, name="big.docx").blocks  # within the default limits it reads


def test_zip_bomb_with_lying_headers_is_bounded():
    """A member whose headers declare a small size but whose data expands further."""
    xml = _document_xml(_docx_bytes())
    padded = xml.replace(b"</w:body>", b" " * (4 * 1024 * 1024) + b"</w:body>")
    data = bytearray(_rezip(_docx_bytes(), replace={"word/document.xml": padded}))
    # patch the declared uncompressed size (local header + central directory) down to 1000 bytes
    name = b"word/document.xml"
    for sig, size_off, name_off in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            n_len = struct.unpack_from("<H", data, pos + (26 if sig == b"PK\x03\x04" else 28))[0]
            if data[pos + name_off:pos + name_off + n_len] == name:
                struct.pack_into("<I", data, pos + size_off, 1000)
            pos += 4
    with pytest.raises((ZipBombError, CorruptFileError)):
        read(bytes(data), name="liar.docx", limits=Limits(max_member_bytes=1024 * 1024))


def test_oversize_member_refused_before_reading():
    xml = _document_xml(_docx_bytes())
    padded = xml.replace(b"</w:body>", os.urandom(1024).hex().encode() * 1200 + b"</w:body>")
    data = _rezip(_docx_bytes(), replace={"word/document.xml": padded})
    with pytest.raises(ZipBombError):
        read(data, name="huge-part.docx", limits=Limits(max_member_bytes=1024 * 1024))


# --- XML level ------------------------------------------------------------------------------------

BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def test_entity_declarations_in_document_refused():
    xml = _document_xml(_docx_bytes())
    body = xml.split(b"?>", 1)[1]
    evil = BILLION_LAUGHS + body.replace(b"Ph\xe1\xba\xa1m vi", b"&lol3;")
    with pytest.raises(UnsafeXmlError) as exc:
        read(_rezip(_docx_bytes(), replace={"word/document.xml": evil}), name="lol.docx")
    assert "ENTITY" in exc.value.message("en")


def test_external_entity_in_styles_refused():
    data = _docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        styles = zf.read("word/styles.xml")
    evil = (b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + styles.split(b"?>", 1)[1])
    with pytest.raises(UnsafeXmlError):
        read(_rezip(data, replace={"word/styles.xml": evil}), name="xxe.docx")


def test_doctype_in_utf16_part_refused():
    xml = _document_xml(_docx_bytes()).decode("utf-8").split("?>", 1)[1]
    evil = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "b">]>' + xml).encode("utf-16")
    with pytest.raises(UnsafeXmlError):
        read(_rezip(_docx_bytes(), replace={"word/document.xml": evil}), name="u16.docx")


def test_malformed_xml_is_corrupt():
    with pytest.raises(CorruptFileError):
        read(_rezip(_docx_bytes(), replace={"word/document.xml": b"<w:document><w:body>"}), name="bad.docx")


# --- OLE: encrypted OOXML and legacy .doc -----------------------------------------------------------

def _cfb(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file (512-byte sectors): root storage + streams in regular sectors.

    Streams shorter than 4096 bytes belong in the mini stream; they are padded to 4096 here so that
    one FAT chain suffices (readers only look at the directory and at regular-sector streams).
    """
    ss = 512
    names = list(streams)
    bodies = [streams[n].ljust(max(4096, len(streams[n])), b"\x00") for n in names]
    n_sectors = [(len(b) + ss - 1) // ss for b in bodies]
    dir_sectors = (len(names) + 1 + 3) // 4
    fat_sectors = 1
    fat = [0xFFFFFFFD]                                        # sector 0: the FAT itself
    first_dir = len(fat)
    fat += [len(fat) + i + 1 for i in range(dir_sectors - 1)] + [0xFFFFFFFE]
    starts = []
    for n in n_sectors:
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [0xFFFFFFFE]
    assert len(fat) <= ss // 4
    fat += [0xFFFFFFFF] * (ss // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF,
              right: int = 0xFFFFFFFF) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e = raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
        e += struct.pack("<III", 0xFFFFFFFF, right, child) + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
        return e + struct.pack("<IQ", start, size)

    entries = [entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)]
    for i, (name, start) in enumerate(zip(names, starts)):
        right = i + 2 if i + 1 < len(names) else 0xFFFFFFFF
        entries.append(entry(name, 2, start, len(bodies[i]), right=right))
    directory = b"".join(entries).ljust(dir_sectors * ss, b"\x00")
    header = bytearray(ss)
    header[0:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, fat_sectors, first_dir, 0, 4096, 0xFFFFFFFE, 0,
                     0xFFFFFFFE, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat_raw = struct.pack(f"<{ss // 4}I", *fat)
    return bytes(header) + fat_raw + directory + b"".join(b.ljust(n * ss, b"\x00") for b, n in zip(bodies, n_sectors))


AGILE_INFO = (struct.pack("<HHI", 4, 4, 0x40) +
              b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption '
              b'xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" '
              b'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
              b'hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>')


def test_encrypted_ooxml_hand_built_container():
    package = struct.pack("<Q", 20000) + os.urandom(20000)
    data = _cfb({"EncryptionInfo": AGILE_INFO, "EncryptedPackage": package})
    with pytest.raises(EncryptedFileError) as exc:
        read(data, name="secret.docx")
    assert "mật khẩu" in exc.value.message("vi") and "password" in exc.value.message("en")


def test_encrypted_ooxml_genuine():
    """A DOCX really encrypted with a password (ECMA-376 agile encryption, by msoffcrypto-tool)."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(_docx_bytes())).encrypt("mat-khau", out)
    with pytest.raises(EncryptedFileError):
        read(out.getvalue(), name="secret.docx")


def test_encrypted_legacy_doc_flag():
    fib = bytearray(4096)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0100)  # fEncrypted
    with pytest.raises(EncryptedFileError):
        read(_cfb({"WordDocument": bytes(fib), "1Table": b"\x00" * 10}), name="old.doc")


def test_ole_that_is_not_word():
    with pytest.raises(UnsupportedFormatError):
        read(_cfb({"Workbook": b"\x09\x08" + b"\x00" * 100}), name="sheet.doc")


def test_truncated_ole_is_corrupt():
    data = _cfb({"WordDocument": b"\xec\xa5" + b"\x00" * 5000})
    with pytest.raises(CorruptFileError):
        read(data[:900], name="cut.doc")


def test_legacy_doc_without_libreoffice_says_how_to_convert(monkeypatch):
    monkeypatch.setattr(doc_reader, "soffice_path", lambda: None)
    with pytest.raises(LegacyDocError) as exc:
        read(real_file(LEGACY))
    assert "LibreOffice" in exc.value.message("vi") and ".docx" in exc.value.message("en")
    assert 'soffice --headless --convert-to docx "Phuluc2.doc"' in exc.value.message("vi")


@pytest.mark.skipif(doc_reader.soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_legacy_doc_converted_by_libreoffice():
    path = real_file(LEGACY)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    doc = read(path)
    assert doc.format == "doc" and doc.warnings
    assert doc.blocks[0].text.strip() == "Phụ lục II"
    assert doc.blocks[0].runs[0].format.bold and doc.blocks[0].runs[0].format.size == 14.0
    assert doc.sections[0].width_mm == pytest.approx(210.0, abs=0.1)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


# --- file system -------------------------------------------------------------------------------------

def test_empty_and_blank_files(tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        read(empty)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\t\n")
    with pytest.raises(EmptyFileError):
        read(blank)


def test_directory_and_missing_path(tmp_path):
    with pytest.raises(FileAccessError):
        read(tmp_path)
    with pytest.raises(FileAccessError) as exc:
        read(tmp_path / "khong-co.docx")
    assert "Không mở được" in exc.value.message("vi")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    f = tmp_path / "locked.docx"
    f.write_bytes(_docx_bytes())
    f.chmod(0)
    with pytest.raises(FileAccessError):
        read(f)


def test_file_over_the_size_limit():
    with pytest.raises(FileTooLargeError):
        read(real_file(ND30), limits=Limits(max_file_bytes=10_000))
    with pytest.raises(FileTooLargeError):
        read(real_file(ND30).read_bytes(), limits=Limits(max_file_bytes=10_000))


def test_every_hostile_error_is_an_input_error():
    for cls in (CorruptFileError, EmptyFileError, EncryptedFileError, FileAccessError, FileTooLargeError,
                LegacyDocError, UnsafeXmlError, UnsupportedFormatError, ZipBombError):
        assert issubclass(cls, InputError)
        err = cls("x")
        assert err.message("vi") != err.message("en")


def test_input_file_never_modified(tmp_path):
    path = real_file(ND30)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_size)
    read(path)
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_size)
    assert before == after
    # a writable copy: still untouched (the corpus itself may be read-only)
    copy = tmp_path / "copy.docx"
    copy.write_bytes(path.read_bytes())
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))
    read(copy)
    assert copy.stat().st_mtime_ns == 1_000_000_000
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before[0]


def test_checker_turns_errors_into_results(tmp_path):
    from vbqppl_check.checker import check_path
    bad = tmp_path / "cut.docx"
    bad.write_bytes(_docx_bytes()[:300])
    result = check_path(bad)
    assert result.status == "error"


def test_password_zip_member_is_encrypted():
    data = bytearray(_docx_bytes())
    # set the "encrypted" flag bit of every member (local headers and central directory)
    for sig, flag_off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            data[pos + flag_off] |= 0x01
            pos += 4
    with pytest.raises(EncryptedFileError):
        read(bytes(data), name="zipcrypto.docx")


def test_too_many_zip_members():
    members = {f"word/media/p{i}.bin": b"" for i in range(20_001)}
    with pytest.raises(ZipBombError):
        read(_rezip(_docx_bytes(), add=members), name="many.docx")


def test_deeply_nested_tables_are_bounded():
    xml = _document_xml(_docx_bytes()).decode()
    cell = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>"
    close = "</w:tc></w:tr></w:tbl><w:p/>"
    ok = xml.replace("<w:body>", "<w:body>" + cell * 60 + "<w:p/>" + close * 60)
    doc = read(_rezip(_docx_bytes(), replace={"word/document.xml": ok.encode()}), name="deep.docx")
    assert max(b.table.depth for b in doc.blocks if b.table) == 60
    evil = xml.replace("<w:body>", "<w:body>" + cell * 5000 + "<w:p/>" + close * 5000)
    with pytest.raises(CorruptFileError):  # the XML parser's depth bound, never a RecursionError
        read(_rezip(_docx_bytes(), replace={"word/document.xml": evil.encode()}), name="deeper.docx")


def test_unsupported_zip_version_is_corrupt():
    data = bytearray(_docx_bytes())
    pos = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, pos + 6, 128)  # "version needed to extract" 12.8
    with pytest.raises(CorruptFileError):
        read(bytes(data), name="future.docx")


def test_hostile_attribute_values_do_not_crash_or_poison_output():
    import json
    from vbqppl_check.model.jsonable import to_jsonable
    xml = _document_xml(_docx_bytes()).decode()
    evil = (xml.replace('w:w="12240"', 'w:w="nan"').replace('w:w="11906"', 'w:w="nan"')
            .replace("<w:body>", '<w:body><w:tbl><w:tr><w:trPr><w:gridBefore w:val="abc"/></w:trPr>'
                     '<w:tc><w:tcPr><w:gridSpan w:val="-3"/></w:tcPr><w:p><w:pPr><w:spacing w:before="inf"/>'
                     '</w:pPr><w:r><w:rPr><w:sz w:val="1e999"/></w:rPr><w:t>ô</w:t></w:r></w:p></w:tc>'
                     '</w:tr></w:tbl>'))
    assert 'w:w="nan"' in evil
    doc = read(_rezip(_docx_bytes(), replace={"word/document.xml": evil.encode()}), name="odd.docx")
    assert doc.blocks[0].text == "ô" and doc.blocks[0].table.col == 0
    assert doc.sections[0].width_mm is None and doc.blocks[0].paragraph.space_before_pt == 0.0
    json.dumps(to_jsonable(doc), allow_nan=False)  # no NaN/Infinity in the output
