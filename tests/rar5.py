"""A RAR 5.0 archive writer, store method only (enough for tests; the format is RARLAB's 'RAR 5.0 archive format')."""
import zlib

SIGNATURE = b"Rar!\x1a\x07\x01\x00"

def _vint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)

def _block(kind: int, flags: int, fields: bytes, data_size: int | None = None) -> bytes:
    body = _vint(kind) + _vint(flags | (0x0002 if data_size is not None else 0))
    if data_size is not None:
        body += _vint(data_size)
    body += fields
    header = _vint(len(body)) + body
    return zlib.crc32(header).to_bytes(4, "little") + header

def rar5(members: list[tuple[str, bytes]], encrypted_names: set[str] = frozenset()) -> bytes:
    out = bytearray(SIGNATURE)
    out += _block(1, 0, _vint(0))  # main archive header: no archive flags
    for name, data in members:
        raw = name.encode("utf-8")
        fields = (_vint(0x0004)  # file flags: CRC32 present
                  + _vint(len(data)) + _vint(0x20)  # unpacked size, attributes
                  + zlib.crc32(data).to_bytes(4, "little")
                  + _vint(0) + _vint(0)  # compression: version 0, store; host OS Windows
                  + _vint(len(raw)) + raw)
        out += _block(2, 0, fields, len(data)) + data
    out += _block(5, 0, _vint(0))  # end of archive
    return bytes(out)
