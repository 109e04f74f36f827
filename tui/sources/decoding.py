"""Decoding: the bytes of a file into text, and the name of the encoding used.

:func:`decode` reads UTF-8 (with or without BOM), UTF-32/UTF-16 with a BOM,
UTF-16 without BOM when the NUL bytes say so, otherwise charset-normalizer.
Since Personae is Italian first, and charset-normalizer 3.4 happily reads
short Italian Latin-1 text as cp1250 ("č" for "è"), a Windows-1252 reading is
preferred whenever it is valid and every non-ASCII character it yields is a
Western European letter or typographic sign (ISO-8859-15 when the text says
"¤" where it means "€"). UTF-8 with a few stray Windows-1252 bytes (pasted
text) keeps its UTF-8 and reads the strays as cp1252. Data with NUL bytes
(and not UTF-16), that nothing decodes, or that decodes mostly to control
characters is binary: :class:`~tui.sources.errors.SourceError` with
:data:`BINARY`. :func:`declared_charset` reads the charset an HTML page
declares in its ``<meta>``.
"""

from __future__ import annotations

import codecs
import re

from tui.sources.clean import ESCAPE_SEQUENCES
from tui.sources.errors import SourceError

BINARY = "not a text file (binary data)"

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# UTF-16 without a BOM: at least two code units, and of the bytes at one
# parity (odd for little-endian, even for big-endian) at least this share are
# NULs (ASCII text), of the other parity at most that share
_UTF16_MIN_BYTES = 4
_UTF16_MIN_NUL_SHARE = 0.5
_UTF16_MAX_NUL_SHARE = 0.02

# what Western European (Italian first) text is made of beyond ASCII
_WESTERN = set(
    "àèéìíîòóùúÀÈÉÌÍÎÒÓÙÚâêôûäëïöüÿÂÊÔÛÄËÏÖÜçÇñÑßæÆøØåÅœŒšŠžŽáÁãõÃÕýÝ"
    "«»“”‘’„‚–—…€£¤°ºª·•§¶©®™±×÷²³¹½¼¾´¨¸\u00a0"
)
_MIN_WESTERN_SHARE = 0.9  # of the non-ASCII characters
_MAX_ACCENTED_SHARE = 0.3  # of the letters

# bytes that are letters and signs in Windows-1252 but controls in ISO-8859-15
_CP1252_ONLY_BYTES = range(0x80, 0xA0)

# binary data: more than this share of control characters or U+FFFD in the
# first characters of the text
_BINARY_PROBE_CHARS = 65536
_MAX_CONTROL_SHARE = 0.05
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

_CHARSET_SCAN_BYTES = 4096  # how far into a page to look for its <meta charset>
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_READ_AS_CP1252 = ("iso8859-1", "latin-1", "ascii")  # as browsers do


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name). Raises SourceError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding.replace("-sig", ""), errors="replace")
            _check_not_binary(text)
            return text, encoding
    if b"\x00" in data:
        encoding = _bomless_utf16(data)
        if not encoding:
            raise SourceError(BINARY)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise SourceError(BINARY) from None
        _check_not_binary(text)
        return text, encoding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text)
        return text, "utf-8"
    text = _mixed_utf8(data)
    if text is not None:
        return text, "utf-8+cp1252"
    text, encoding = _legacy_decode(data)
    _check_not_binary(text)
    return text, encoding


def _cp1252_bytes(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Decoding error handler: read the bytes UTF-8 refused as Windows-1252."""
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("personae-cp1252", _cp1252_bytes)


def _mixed_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray Windows-1252 bytes (pasted text), or None.

    Needs more valid multi-byte UTF-8 sequences than invalid bytes: plain
    Latin-1 text has (almost) none of the former."""
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if not multibyte:
        return None
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > multibyte:
        return None
    text = data.decode("utf-8", errors="personae-cp1252")
    try:
        _check_not_binary(text)
    except SourceError:
        return None
    return text


def _bomless_utf16(data: bytes) -> str:
    """'utf-16-le'/'utf-16-be' if the NULs sit where UTF-16 text puts them, else ''."""
    if len(data) < _UTF16_MIN_BYTES or len(data) % 2:
        return ""
    even, odd = data[0::2], data[1::2]
    units = len(even)
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls >= _UTF16_MIN_NUL_SHARE * units and even_nuls <= _UTF16_MAX_NUL_SHARE * units:
        return "utf-16-le"
    if even_nuls >= _UTF16_MIN_NUL_SHARE * units and odd_nuls <= _UTF16_MAX_NUL_SHARE * units:
        return "utf-16-be"
    return ""


def _looks_western(text: str) -> bool:
    """Nearly every non-ASCII character is a Western letter or sign, and the
    accented letters are the few they are in Western languages (a Cyrillic
    or Greek text read as Windows-1252 is all accented letters)."""
    non_ascii = [c for c in text if not c.isascii()]
    if not non_ascii:
        return True
    if sum(c in _WESTERN for c in non_ascii) < _MIN_WESTERN_SHARE * len(non_ascii):
        return False
    letters = sum(c.isalpha() for c in text)
    accented = sum(c.isalpha() for c in non_ascii)
    return accented <= _MAX_ACCENTED_SHARE * letters


def _legacy_decode(data: bytes) -> tuple[str, str]:
    """Text that is not Unicode: Windows-1252 (or ISO-8859-15) when it reads as
    Western European text, else whatever charset-normalizer finds."""
    try:
        as_cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        as_cp1252 = None
    if as_cp1252 is not None and _looks_western(as_cp1252):
        if ("¤" in as_cp1252 and "€" not in as_cp1252
                and not any(b in _CP1252_ONLY_BYTES for b in data)):
            return data.decode("iso-8859-15"), "iso-8859-15"
        return as_cp1252, "cp1252"
    # a heavy library, imported only for the input or output that needs it
    from charset_normalizer import from_bytes as cn_from_bytes

    try:
        best = cn_from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector failure means "cannot tell"
        best = None
    if best is None:
        raise SourceError(BINARY)
    return str(best), str(best.encoding)


def _check_not_binary(text: str) -> None:
    """Raise SourceError(BINARY) if ``text`` is mostly control characters."""
    if not text:
        return
    probe = ESCAPE_SEQUENCES.sub("", text[:_BINARY_PROBE_CHARS])
    if not probe:
        return
    bad = len(_CONTROLS.findall(probe)) + probe.count("\ufffd")
    if bad > _MAX_CONTROL_SHARE * len(probe):
        raise SourceError(BINARY)


def declared_charset(data: bytes) -> str:
    """The codec name of the charset a page's ``<meta>`` declares, or ''."""
    m = _META_CHARSET.search(data[:_CHARSET_SCAN_BYTES])
    if not m:
        return ""
    try:
        return normal_charset(m.group(1).decode("ascii"))
    except UnicodeDecodeError:
        return ""


def normal_charset(label: str) -> str:
    """The codec name of a charset label ("ISO-8859-1" -> "cp1252", as browsers read it), or ''."""
    if not label:
        return ""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return ""
    # as browsers do: a page that says Latin-1 or ASCII is read as Windows-1252
    return "cp1252" if name in _READ_AS_CP1252 else name
