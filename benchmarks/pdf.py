"""Pages per second and peak memory of the PDF reader on a long PDF of forms (issue 13).

Run: pip install -e '.[pdf,samples]' && python benchmarks/pdf.py [--pages 200] [--keep DIR]

The PDF is generated at run time (not committed): the forms of samples/hunan_2026_targets.txt
laid out by samples/build_pdf.py (ruled tables, merged labels, tables over page breaks),
repeated until it has at least ``--pages`` pages. The read runs in its own process, so its peak
RSS is the reader's alone; the full check (layout and rules) runs in another.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

_MEASURE = """
import json, resource, sys, time
start = time.perf_counter()
if sys.argv[2] == "read":
    from checker.readers import read
    doc = read(sys.argv[1])
    rows = sum(len(g.rows) for g in doc.grids)
else:
    from checker import pipeline
    from checker.rules import load_pack
    result = pipeline.check_file(sys.argv[1], load_pack(), pipeline.CheckOptions())
    assert result.error is None, result.error
    rows = len(result.findings)
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
print(json.dumps({"seconds": seconds, "rows": rows, "rss_mb": rss}))
"""


def make_pdf(path: Path, pages: int) -> int:
    """A PDF of the sample's forms repeated to at least ``pages`` pages; returns its page count."""
    sys.path.insert(0, str(SAMPLES))
    import build_pdf
    from build_samples import text_rows

    rows = text_rows(SAMPLES / "hunan_2026_targets.txt")
    copies = 1
    while True:
        build_pdf.build_pdf(rows * copies, path)
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
        if count >= pages:
            return count
        copies = max(copies + 1, int(copies * pages / count) + 1)


def measure(path: Path, what: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path), what], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="write the generated PDF here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = (args.keep or Path(tmp)) / "forms.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        pages = make_pdf(path, args.pages)
        print(f"generated {pages} pages ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s")
        for what in ("read", "check"):
            m = measure(path, what)
            print(f"{what:5}: {m['seconds']:6.1f} s  {pages / m['seconds']:6.1f} pages/s  "
                  f"peak RSS {m['rss_mb']:.0f} MB  ({m['rows']} {'rows' if what == 'read' else 'findings'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
