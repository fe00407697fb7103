"""What the text of a data file may hold, and what an unquoted value means.

Checked before and while parsing, the same for both YAML readers: the bytes are UTF-8 without a byte-order
mark; no character ends a line for YAML that does not for an editor; no merge-conflict marker; brackets nest
no deeper than any data file needs; and a plain scalar means what it looks like, never a YAML 1.1 guess
(`no` -> False, `010` -> 8, `1:20` -> 80).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from ..issues import Issue

MAX_DEPTH = 32
MAX_INT_DIGITS = 15
YamlPath = tuple[str | int, ...]


def dotted(path: YamlPath) -> str:
    """A place in a file as its author reads it: `budget[2].amount`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_YAML11_BOOL = {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_YAML11_NUMBER = re.compile(
    r"""^[-+]?(
        0b[01_]+ | 0x[0-9a-fA-F_]+ | 0[0-9_]+            # binary, hex, octal / leading zero
      | [0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?          # sexagesimal 1:20
      | [0-9][0-9_]*_[0-9_]*(\.[0-9_]*)? | [0-9]*\.[0-9]*_[0-9_]*   # digit separators
    )$""",
    re.VERBOSE,
)
_EXPONENT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.?[0-9_]*[eE][-+]?[0-9]+$")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$")


# Characters that end a line for YAML but not for git, grep or a review: what follows them on the line is hidden
# from a diff (a whole budget line inside what shows as one changed comment). A lone CR too; CRLF is one break.
YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
BREAK_NAMES = {
    0x85: "next line",
    0x2028: "line separator",
    0x2029: "paragraph separator",
    0x0D: "carriage return without a line feed",
}
# Bidirectional controls reorder what a reviewer sees (Trojan Source, CVE-2021-42574); control characters can
# retitle a terminal, clear it, or break a workbook. Neither belongs in a data file, raw or as an escape.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HIDDEN_IN_TEXT = re.compile(f"[{BIDI_CONTROLS}]")
HIDDEN_IN_VALUE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def hidden_character(text: str) -> str:
    """A character a reviewer cannot see, named: `U+202E (right-to-left override)`."""
    import unicodedata

    code = ord(text)
    return f"U+{code:04X} ({unicodedata.name(text, 'control character').lower()})"


def git_line(text: str, position: int) -> int:
    """The line git, grep and a diff show for a position: only a line feed ends a line there."""
    return text.count("\n", 0, position) + 1


_EDITOR_BREAK = re.compile("\r\n|\r|\n")


def editor_line(text: str, position: int) -> int:
    """The line an editor shows for a position: \\n, \\r\\n and a lone \\r each end a line, as for YAML."""
    return len(_EDITOR_BREAK.findall(text, 0, position)) + 1


DEPTH_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels; data files are never this deep"


def flow_nesting_too_deep(text: str) -> int | None:
    """The line where brackets nest past MAX_DEPTH, or None.

    Checked before parsing because a YAML scanner reads a flow collection ahead of the events it
    yields, so whether it refuses deep brackets itself (and in what words) depends on the
    library's version; waw's answer must not.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth, line, quote, previous = 0, 1, "", "\n"
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if char == "\n":
            line += 1
        if quote:
            if char == quote:
                if quote == "'" and text.startswith("''", index):
                    index += 1  # an escaped quote inside single quotes
                else:
                    quote = ""
            elif char == "\\" and quote == '"':
                index += 1
        elif char == "#" and previous in " \t\n":
            newline = text.find("\n", index)
            index = end if newline < 0 else newline
            continue
        elif char in "'\"" and previous in " \t\n[{,:-":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
        previous = char
        index += 1
    return None


def decode(raw: bytes, path: str, issues: list[Issue]) -> str | None:
    """The file's text, or None with the reason in `issues`: no byte-order mark, and UTF-8 throughout."""
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        issues.append(Issue("E-BOM", "file starts with a byte-order mark; save it as UTF-8 without BOM", path, 1))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        issues.append(
            Issue(
                "E-ENCODING",
                f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                path,
                line,
            )
        )
        return None


_SPECIAL_WORDS = _NULL | _TRUE | _FALSE | _YAML11_BOOL


def resolve_plain(text: str) -> tuple[Any, tuple[str, str] | None]:
    """The value of an unquoted scalar, or the reason it is ambiguous."""
    first = text[:1]
    if first.isalpha() and text not in _SPECIAL_WORDS:
        return text, None  # a word: by far the most common case (every key), decided without a regex
    if text.isascii() and text.isdigit() and (first != "0" or text == "0") and len(text) <= MAX_INT_DIGITS:
        return int(text), None
    if text in _NULL:
        return None, None
    if text in _TRUE:
        return True, None
    if text in _FALSE:
        return False, None
    if text in _YAML11_BOOL:
        return text, (
            "E-AMBIGUOUS",
            f"'{text}' is read as a yes/no value by YAML 1.1 tools; quote it ('{text}') if it is text, "
            "or write true/false",
        )
    if _INT.match(text):
        digits = text.lstrip("+-")
        if len(digits) > MAX_INT_DIGITS:
            return text, ("E-NUMBER", f"number {text[:20]}... has {len(digits)} digits; no figure here is that large")
        return int(text), None
    if _SPECIAL_FLOAT.match(text):
        return text, ("E-NUMBER", f"'{text}' is not a finite number")
    if _EXPONENT.match(text) and re.search(r"[0-9]", text.split("e")[0].split("E")[0]):
        return text, ("E-NUMBER", f"'{text}' uses an exponent; write the plain number")
    if _YAML11_NUMBER.match(text):
        return text, (
            "E-AMBIGUOUS",
            f"'{text}' is read as a different number by YAML 1.1 tools (octal, hex, sexagesimal or digit "
            "separators); write a plain number, or quote it if it is text",
        )
    if _DECIMAL.match(text):
        digits = text.lstrip("+-").replace(".", "")
        if len(digits) > MAX_INT_DIGITS + 2:
            return text, ("E-NUMBER", f"number {text[:20]}... is too long; no figure here is that large")
        return Decimal(text), None
    match = _DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day), None
        except ValueError:
            return text, ("E-DATE", f"'{text}' is not a real date")
    return text, None
