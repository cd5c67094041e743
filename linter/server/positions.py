"""Positions: msglint's to the client's and back.

msglint counts lines and columns from 1, in code points, in the text with line endings
normalised to LF (:mod:`linter.model`).  LSP counts both from 0, and a column in the code
units of the negotiated position encoding: UTF-16 unless the client offered another
(``general.positionEncodings``).  A character outside the Basic Multilingual Plane (an
emoji, a rare CJK ideograph) is one code point but two UTF-16 units and four UTF-8 bytes.

LSP's line breaks are LF, CRLF and CR, the same set :func:`normalise` folds to LF, so line
numbers agree and columns only differ in their unit.
"""
from __future__ import annotations

import re

from lsprotocol import types

# A surrogate code point in a str is always a lone one: JSON's escaped pairs (\ud83c\udf89)
# are decoded into the one character they stand for, a half with no partner is kept as is.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def normalise(text: str) -> str:
    """The client's text as msglint reads it: CRLF and CR become LF, and a lone surrogate
    (a UTF-16 half the client sent without its partner, which no encoder can write)
    becomes U+FFFD.  Both are one UTF-16 unit and three UTF-8 bytes as
    :func:`units` counts them, so every position stays where the client has it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return LONE_SURROGATE.sub("\ufffd", text)


def units(s: str, encoding: str) -> int:
    """How many code units of ``encoding`` the string ``s`` takes."""
    if encoding == types.PositionEncodingKind.Utf32 or s.isascii():
        return len(s)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(s.encode("utf-8", "surrogatepass"))
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


class Lines:
    """One text's lines, to convert offsets to client positions and back."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16):
        self.text = text
        self.encoding = encoding
        self.starts = [0]
        i = text.find("\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)

    def line_text(self, line: int) -> str:
        """The 0-based ``line``, without its line break."""
        a = self.starts[line]
        b = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return self.text[a:b]

    def position(self, line: int, column: int) -> types.Position:
        """msglint's 1-based (line, column in code points) as an LSP position."""
        n = min(max(line - 1, 0), len(self.starts) - 1)
        head = self.line_text(n)[:max(column - 1, 0)]
        return types.Position(line=n, character=units(head, self.encoding))

    def offset_position(self, offset: int) -> types.Position:
        """A 0-based code-point offset into the text as an LSP position."""
        import bisect

        n = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line=n, character=units(self.text[self.starts[n]:offset], self.encoding))

    def offset(self, pos: types.Position) -> int:
        """An LSP position as a code-point offset (clamped to the text, as LSP asks: a
        column past the end of a line means its end)."""
        if pos.line >= len(self.starts):
            return len(self.text)
        line = self.line_text(pos.line)
        if self.encoding == types.PositionEncodingKind.Utf32:
            col = min(pos.character, len(line))
        else:
            col, used = 0, 0
            while col < len(line):
                used += units(line[col], self.encoding)
                if used > pos.character:
                    break
                col += 1
        return self.starts[pos.line] + col
