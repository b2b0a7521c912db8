"""Text from inputs made safe for a terminal: control characters shown escaped.

A cell can hold ESC sequences (clear the screen, set the window title, an OSC 8 hyperlink) or
bidirectional overrides that reorder what the reviewer reads; printed verbatim they act on the
reviewer's terminal. ``printable`` shows each as ``\\x1b``/``\\u202e`` instead. Tab and line
break stay (the report's own layout uses them); everything else is unchanged, CJK included.
"""

from __future__ import annotations

_CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0))
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = {c: f"\\x{c:02x}" for c in _CONTROLS} | {c: f"\\u{c:04x}" for c in _BIDI}


def printable(text: str) -> str:
    """``text`` with C0/C1 control characters (but tab and newline) and bidi controls escaped:
    ``"a\\x1b[2Jb"`` → ``"a\\\\x1b[2Jb"``."""
    return text.translate(_ESCAPES)
