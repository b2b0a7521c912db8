"""Writes checker/readers/t2s_changeable.py: the characters OpenCC's t2s conversion can change.

Run ``python -m checker.readers.t2s_gen`` after installing an OpenCC with other dictionaries. The
table is used only with the dictionaries it was written from (their ``fingerprint``); with
others, ``is_traditional`` converts every text as before (correct, ~3 ms slower on a 256 KB form),
and tests/test_traditional_bound.py skips the tests that hold the table to the installed
dictionaries and warns. With them, a test writes the table again and fails when the stored one
differs (the generator or the table edited).

t2s converts a text by matching entries of its dictionaries (config ``t2s.json``: TSPhrases,
TSCharactersExt, TSCharacters; a normalisation of CJK compatibility ideographs before them) and
writing each match's value in its place; a character that no match covers is kept. An entry's key
and value have one length (``entries`` raises otherwise), so a character of the output differs
from the input's character at its place only where some entry's key and one of its values differ
at that place: the characters of the table are those key characters, of every entry of every
dictionary the config names and of every value (OpenCC writes the first; all are taken, so the
table holds whatever OpenCC picks). ``traditional.is_traditional`` counts them in a text as a
bound of the characters t2s changes there.

The dictionaries are OpenCC's binary ``.ocd2`` files; the ``opencc_dict`` tool shipped in the
opencc wheel (``opencc/clib/bin``) writes them as text (``key<TAB>value value…`` per line).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

TARGET = Path(__file__).with_name("t2s_changeable.py")
_LINE = 40  # characters per line of the written table


def share_dir() -> Path | None:
    """The folder where ``opencc.OpenCC("t2s")`` finds t2s.json and its dictionaries (the
    wheel's ``opencc/clib/share/opencc``), found without importing opencc (~10 ms); None when
    opencc is not installed so."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:
        return None
    share = Path(spec.origin).parent / "clib" / "share" / "opencc"
    return share if (share / "t2s.json").is_file() else None


def fingerprint(share: Path) -> str:
    """SHA-256 of t2s.json and the dictionaries it names: the table holds for these bytes.
    Raises OSError when one cannot be read."""
    digest = hashlib.sha256((share / "t2s.json").read_bytes())
    for ocd2 in dictionaries(share):
        digest.update(ocd2.read_bytes())
    return digest.hexdigest()


def dictionaries(share: Path) -> list[Path]:
    """The ``.ocd2`` files t2s.json names (normalisation and conversion chain), in its order."""
    config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
    found: list[Path] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                found.append(share / node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(config)
    return found


def entries(ocd2: Path) -> list[tuple[str, list[str]]]:
    """(key, values) of one dictionary, through ``opencc_dict``. Raises ValueError on an entry
    whose key and a value differ in length (the bound would not hold)."""
    import os
    import subprocess
    import tempfile

    tool = ocd2.parents[2] / "bin" / "opencc_dict"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dict.txt"
        env = {**os.environ, "LD_LIBRARY_PATH": str(ocd2.parents[2] / "lib64")}
        subprocess.run([str(tool), "-i", str(ocd2), "-o", str(out), "-f", "ocd2", "-t", "text"],
                       check=True, env=env, capture_output=True)
        lines = out.read_text(encoding="utf-8").splitlines()
    found = []
    for line in lines:
        key, values = line.split("\t")
        found.append((key, values.split(" ")))
        if any(len(v) != len(key) for v in values.split(" ")):
            raise ValueError(f"{ocd2.name}: {key} -> {values}: lengths differ")
    return found


def changeable(share: Path) -> str:
    """The sorted characters t2s can change (see module doc) among those ``is_traditional``
    gives it (``traditional._CJK_RUN``: the compatibility ideographs and the astral planes are
    never converted there), as one string."""
    from checker.readers.traditional import _CJK_RUN

    chars = set()
    for ocd2 in dictionaries(share):
        for key, values in entries(ocd2):
            for value in values:
                chars.update(k for k, v in zip(key, value) if k != v)
    return "".join(sorted(c for c in chars if _CJK_RUN.fullmatch(c)))


def render(chars: str, version: str, digest: str) -> str:
    """The text of t2s_changeable.py for ``chars`` taken from OpenCC ``version``'s dictionaries
    of ``fingerprint`` ``digest``."""
    body = "\n".join(f'    "{chars[i:i + _LINE]}"' for i in range(0, len(chars), _LINE))
    return (f'"""The characters OpenCC {version}\'s t2s conversion can change (checker/readers/t2s_gen.py\n'
            f'wrote this file; run ``python -m checker.readers.t2s_gen`` to write it again)."""\n\n'
            f'OPENCC_VERSION = "{version}"\n'
            f'FINGERPRINT = "{digest}"  # of t2s.json and its dictionaries (t2s_gen.fingerprint)\n'
            f"CHANGEABLE = (\n{body}\n)\n")


def main() -> int:
    import opencc

    share = share_dir()
    if share is None:
        raise SystemExit("opencc's t2s.json not found (an opencc wheel installs it under opencc/clib/share/opencc)")
    TARGET.write_text(render(changeable(share), opencc.__version__, fingerprint(share)), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
