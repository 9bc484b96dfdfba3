"""Bench: render a 500-recipient commendation decision to DOCX and PDF.

Run from the project root: ``.venv/bin/python bench/bench_render_decision.py [--rows 500]
[--runs 7]``. Prints the median, best and worst seconds of each format (after one warm-up run
that loads the template, the fonts and the modules).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django  # noqa: E402

django.setup()

from thidua.documents.rendering.pdf import render_pdf  # noqa: E402
from thidua.documents.rendering.samples import sample_decision  # noqa: E402
from thidua.documents.rendering.word import render_docx  # noqa: E402


def measure(render, document, runs):
    render(document)  # warm-up
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(render(document))
        times.append(time.perf_counter() - start)
    return times, size


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    document = sample_decision(args.rows)
    print(f"decision with {args.rows} recipients, {args.runs} runs, {os.cpu_count()} CPUs")
    for name, render in (("DOCX", render_docx), ("PDF", render_pdf)):
        times, size = measure(render, document, args.runs)
        print(
            f"{name:>4}: median {statistics.median(times):.3f} s"
            f"  (best {min(times):.3f}, worst {max(times):.3f}; {size / 1024:.0f} KiB)"
        )


if __name__ == "__main__":
    main()
