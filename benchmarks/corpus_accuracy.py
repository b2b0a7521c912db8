"""Reading accuracy on the corpus: how many indicators the checker reads exactly as a careful
reader does, against truth files written by reading the text (tests/corpus_truth/NN.yaml).

Run: python benchmarks/corpus_accuracy.py [FOLDER]   (default ../shared/corpus beside the
repository, or $CHECKER_CORPUS). tests/test_corpus_truth.py runs the same comparison and fails
below its FLOOR (issue 9's target is 0.95).

What is compared, per truth indicator: level-1, level-2, name, and the value with its unit and
comparator. An indicator is read right when all four agree after this normalisation (applied to
both sides):

- text: Unicode NFKC (full-width letters, digits and brackets → half-width), all whitespace
  dropped, curly quotes as straight ones, pinyin glosses after characters dropped (績(jī)效 → 績效),
  traditional characters turned simplified with OpenCC where it is installed;
- level-1/level-2: the canonical key of rules/taxonomy.yaml (checker.layout.vocab.level_key:
  经济效益 → 经济效益指标, 产出指标(50分) → 产出指标); a label missing in the form (null) matches
  an empty label only;
- name: also without ★/☆ core-indicator markers and without a leading numbering (指标1:, 1、, (1));
- value: comparator + value + unit as one text, comparator words as symbols (大于等于 → ≥, >= → ≥).
  A comparator the checker keeps in ``value_type`` (a 指标值类型/指标方向 column) counts where it
  stands; so do a unit written inside the value and one in the 度量单位 column.

A truth text longer than 20 characters (a sentence in a name or value cell) is stored as its
first characters and '…', with ``<field>_chars`` giving the full normalised length: the truth files
copy no sentence of a corpus page, and the match stays exact in length and start.

Forms are matched in order (each truth form to the checker form, at or after the previous
one, with the most matching names: two forms the checker read as one both match it, each form
still needs its kind right); indicators within a form by normalised name, the first not yet
used, in document order. A level the form leaves blank (null in truth) that the checker fills
in counts as a misread: the truth lists what the form says.
Self-evaluation extras (actual, weight, score) are counted in a column of their own and do not
enter the accuracy.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TRUTH_DIR = ROOT / "tests" / "corpus_truth"
sys.path.insert(0, str(ROOT))


def corpus_dir() -> Path:
    """$CHECKER_CORPUS, else ../shared/corpus beside the repository (as CI lays it out)."""
    env = os.environ.get("CHECKER_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


# ------------------------------------------------------------------------ normalisation

_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_MARKERS = str.maketrans("", "", "★☆")
_NUMBERING = re.compile(r"^(?:指标\d+[:.、]|\d+[.、]|\(\d+\))")
_CMP_WORDS = sorted(["大于等于", "小于等于", "大于或等于", "小于或等于", "不低于", "不少于", "不高于",
                     "不超过", "等于", "大于", "小于", ">=", "<=", "≧", "≦"], key=len, reverse=True)
_CMP_SYMBOL = {"大于等于": "≥", "大于或等于": "≥", "不低于": "≥", "不少于": "≥", ">=": "≥", "≧": "≥",
               "小于等于": "≤", "小于或等于": "≤", "不高于": "≤", "不超过": "≤", "<=": "≤", "≦": "≤",
               "等于": "=", "大于": ">", "小于": "<"}


def _t2s():
    try:
        import opencc  # optional: the run-on/traditional reading work brings it
    except ImportError:
        return lambda s: s
    conv = opencc.OpenCC("t2s")
    return conv.convert


_TO_SIMPLIFIED = _t2s()


def norm_text(text: str | None) -> str:
    """A cell's text in comparable form (see module doc); None → ''."""
    if not text:
        return ""
    t = _GLOSS.sub("", str(text))
    t = unicodedata.normalize("NFKC", t).translate(_QUOTES)
    t = "".join(t.split())
    return _TO_SIMPLIFIED(t)


def norm_name(text: str | None) -> str:
    """An indicator name: as norm_text, without ★ markers and a leading numbering."""
    return _NUMBERING.sub("", norm_text(text).translate(_MARKERS))


def norm_level(text: str | None) -> str:
    """A level-1/2 label by its canonical taxonomy key; '' for a missing label."""
    from checker.layout.vocab import level_key

    t = norm_text(text)
    return level_key(t) if t else ""


def norm_value(comparator: str | None, value: str | None, unit: str | None) -> str:
    """Comparator + value + unit as one text, comparator words as symbols."""
    t = norm_text(comparator) + norm_text(value) + norm_text(unit)
    for word in _CMP_WORDS:
        if t.startswith(word):
            return _CMP_SYMBOL[word] + t[len(word):]
    return t


def _checker_comparator(ind) -> str:
    """The comparator the checker kept beside the value (value_type), when the value has none."""
    from checker.values import column_comparator

    value = norm_value(None, ind.value, None)
    if value[:1] in "≥≤=<>":
        return ""
    return column_comparator(ind.value_type or "") or ""


# ------------------------------------------------------------------------ comparison

FIELDS = ("level1", "level2", "name", "value")


@dataclass
class TruthIndicator:
    """One indicator of a truth file, its texts as the form has them (see module doc)."""

    raw: dict

    def text(self, key: str) -> str | None:
        return self.raw.get(key)

    def name_matches(self, checker_name: str) -> bool:
        return _matches(self.raw, "name", norm_name(checker_name), norm_name)

    def expected_value(self) -> str:
        """Comparator + value + unit normalised; a shortened value keeps its closing '…' (NFKC
        would turn it into '...', and the start-and-length match of ``_matches`` would not apply)."""
        value = self.raw.get("value")
        if isinstance(value, str) and value.endswith("…"):
            return norm_value(self.raw.get("comparator"), value[:-1], self.raw.get("unit")) + "…"
        return norm_value(self.raw.get("comparator"), value, self.raw.get("unit"))


def _matches(raw: dict, key: str, got: str, norm) -> bool:
    """Exact normalised match; a shortened truth text ('…' + <key>_chars) matches by start and length."""
    want = raw.get(key)
    if isinstance(want, str) and want.endswith("…") and f"{key}_chars" in raw:
        return got.startswith(norm(want[:-1])) and len(got) == raw[f"{key}_chars"]
    return got == norm(want)


@dataclass
class FileScore:
    """One truth file against what the checker read."""

    number: str
    layout: str
    forms_truth: int
    forms_found: int = 0
    kinds_right: int = 0
    total: int = 0
    right: int = 0
    wrong: dict[str, int] = field(default_factory=lambda: {"missing": 0, **{f: 0 for f in FIELDS}})
    extras_total: int = 0
    extras_right: int = 0
    misses: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def load_truth(path: Path) -> dict:
    """A truth file: {file, layout, forms: [{kind, title, truncated?, indicators: [...]}]}."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def truth_files() -> list[Path]:
    return sorted(TRUTH_DIR.glob("*.yaml"))


def read_forms(path: Path) -> list:
    """The checker's forms for one file: read → layout → values, as checker/pipeline.py runs them."""
    from checker.layout import find_forms
    from checker.pipeline import parse_values
    from checker.readers import read

    filing = find_forms(read(path))
    parse_values(filing)
    return [f for f in filing.forms if f.kind != "budget_table"]


def score_file(truth: dict, corpus: Path) -> FileScore:
    """Compare one truth file with the checker's reading of its corpus file."""
    forms_truth = truth["forms"]
    score = FileScore(number=truth["file"][:2], layout=truth.get("layout", "?"), forms_truth=len(forms_truth))
    score.total = sum(len(f["indicators"]) for f in forms_truth)
    try:
        found = read_forms(corpus / truth["file"])
    except Exception as exc:  # noqa: BLE001 - a reading failure scores 0 for this file, others go on
        score.error = f"{type(exc).__name__}: {exc}"
        score.wrong["missing"] = score.total
        return score
    score.forms_found = len(found)
    start = 0
    used: dict[int, set[int]] = {}
    for tform in forms_truth:
        inds = [TruthIndicator(i) for i in tform["indicators"]]
        pick = _pick_form(inds, found, start)
        if pick is None:
            score.wrong["missing"] += len(inds)
            score.misses += [f"{_label(t)}: no form" for t in inds]
            continue
        start = pick  # two truth forms the checker read as one both match it (kind aside)
        form = found[pick]
        score.kinds_right += form.kind == tform["kind"]
        _score_indicators(inds, form.indicators, score, used.setdefault(pick, set()))
    return score


def _pick_form(inds: list[TruthIndicator], found: list, start: int) -> int | None:
    """The checker form from ``start`` on with the most name matches (ties: the earliest)."""
    best, best_hits = None, -1
    for i in range(start, len(found)):
        hits = sum(any(t.name_matches(c.name) for c in found[i].indicators) for t in inds)
        if hits > best_hits:
            best, best_hits = i, hits
    return best


def _score_indicators(inds: list[TruthIndicator], got: list, score: FileScore, used: set[int]) -> None:
    """Each truth indicator against the first checker indicator of the same name not yet used."""
    for t in inds:
        j = next((j for j, c in enumerate(got) if j not in used and t.name_matches(c.name)), None)
        if j is None:
            score.wrong["missing"] += 1
            score.misses.append(f"{_label(t)}: not read")
            continue
        used.add(j)
        c = got[j]
        bad = [f for f in ("level1", "level2") if norm_level(getattr(c, f)) != norm_level(t.text(f))]
        value = norm_value(_checker_comparator(c), c.value, c.unit)
        if not _matches({"value": t.expected_value(), **_chars(t, "value")}, "value", value, lambda s: s):
            bad.append("value")
        for f in bad:
            score.wrong[f] += 1
        if bad:
            score.misses.append(f"{_label(t)}: {', '.join(bad)} read as "
                                + " / ".join(repr(_got_field(c, f)) for f in bad))
        else:
            score.right += 1
        _score_extras(t, c, score)


def _chars(t: TruthIndicator, key: str) -> dict:
    return {f"{key}_chars": t.raw[f"{key}_chars"]} if f"{key}_chars" in t.raw else {}


def _got_field(c, f: str) -> str:
    if f == "value":
        return f"{c.value_type or ''}|{c.value}|{c.unit}"
    return getattr(c, f) or ""


def _score_extras(t: TruthIndicator, c, score: FileScore) -> None:
    for key in ("actual", "weight", "score"):
        if key in t.raw:
            score.extras_total += 1
            score.extras_right += norm_text(getattr(c, key, None)) == norm_text(t.raw[key])


def _label(t: TruthIndicator) -> str:
    return norm_name(t.text("name"))[:16]


def score_all(corpus: Path) -> list[FileScore]:
    """Every truth file against the corpus in ``corpus``."""
    return [score_file(load_truth(p), corpus) for p in truth_files()]


def overall(scores: list[FileScore]) -> float:
    total = sum(s.total for s in scores)
    return sum(s.right for s in scores) / total if total else 1.0


def table(scores: list[FileScore], details: bool = False) -> str:
    """The per-file accuracy table (and with ``details`` each indicator not read right)."""
    lines = [f"{'file':<5}{'layout':<22}{'forms':>7}{'kind':>6}{'right':>7}{'of':>5}{'acc':>7}  "
             f"{'miss':>4}{'l1':>4}{'l2':>4}{'val':>4}  extras"]
    for s in scores:
        extras = f"{s.extras_right}/{s.extras_total}" if s.extras_total else "-"
        lines.append(f"{s.number:<5}{s.layout:<22}{s.forms_found:>3}/{s.forms_truth:<3}{s.kinds_right:>6}"
                     f"{s.right:>7}{s.total:>5}{s.accuracy:>7.0%}  {s.wrong['missing']:>4}{s.wrong['level1']:>4}"
                     f"{s.wrong['level2']:>4}{s.wrong['value']:>4}  {extras}")
        if s.error:
            lines.append(f"      error: {s.error[:120]}")
        if details:
            lines += [f"      {m}" for m in s.misses]
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    lines.append(f"overall: {right} of {total} indicators read exactly right ({overall(scores):.1%}) "
                 f"in {len(scores)} files, {sum(s.forms_truth for s in scores)} forms")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=None)
    parser.add_argument("--details", action="store_true", help="list each indicator not read right")
    args = parser.parse_args()
    folder = Path(args.folder) if args.folder else corpus_dir()
    if not any(folder.glob("*.txt")):
        print(f"{folder}: no corpus here (expected the NN_*.txt files of shared/corpus)")
        return 2
    print(table(score_all(folder), details=args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
