"""Parse time against size, for large and adversarial papers. Run by hand:

    python bench/adversarial.py                 # sizes 50, 200 and 800 KB
    python bench/adversarial.py --sizes 100 400 1600 --shapes numbered_random dates
    python bench/adversarial.py --pdf           # also a 300-page PDF and a PDF bomb, read within bounds

Each shape is a kind of layout pushed to an extreme a real paper never
reaches (thousands of numbered headings, one 800 KB line of action
sentences, a page of dates...). For each it prints the time to read and parse
it (text to Document, plus the acronyms the store learns) at each size, the
growth exponent between the two largest sizes (1.0 is linear, 2.0
quadratic), and the time per KB as a ratio to the baseline: the bundled real
papers, parsed in the same run on the same machine.
"""
from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import demo_corpus, parse_bytes  # noqa: E402
from corpus.glossary import learn_acronyms  # noqa: E402

HEAD = ("Minutes of the Example Overview and Scrutiny Panel\n\nExample County Council\n\n"
        "Thursday, 5 March 2020 at 10.00 am, Committee Room 1, County Hall\n\n")
TITLES = ["Apologies For Absence", "Declarations Of Interest", "Budget Monitoring Report", "Children's Services Update",
          "Work Programme", "Highways Maintenance", "Adult Social Care Performance", "Waste Strategy"]
SENTENCES = [
    "It was agreed that the report would be circulated to Members by 1 May 2020.",
    "Members requested that the Director provide figures on exclusions before the next meeting.",
    "The Panel was informed that the service had improved (see Appendix 2).",
    "RESOLVED that the Cabinet Member be asked to write to the Secretary of State.",
    "The Head of Service would arrange a visit to the Multi Agency Safeguarding Hub (MASH).",
]


def _repeat(unit: Callable[[int], str], size: int) -> str:
    parts, total, n = [HEAD], len(HEAD), 0
    while total < size:
        piece = unit(n)
        parts.append(piece)
        total += len(piece)
        n += 1
    return "".join(parts)


def _numbered_random(size: int) -> str:
    rng = random.Random(size)
    return _repeat(lambda n: f"{rng.randint(1, 400)} {rng.choice(TITLES)}\n\n", size)


SHAPES: dict[str, Callable[[int], str]] = {
    # thousands of numbered heading lines in no order: the longest run of item numbers
    "numbered_random": _numbered_random,
    # one long agenda: items 1, 2, 3 ... each with a line of text under it
    "numbered_run": lambda size: _repeat(lambda n: f"{n + 1} {TITLES[n % len(TITLES)]}\n\n{SENTENCES[n % 5]}\n\n", size),
    # a single line of action sentences (the 19 MB one-line paper, scaled down)
    # (each sentence made its own by a number: the same follow-up twice is one action)
    "one_line_actions": lambda size: _repeat(lambda n: SENTENCES[n % 5].replace("the ", f"the {n} ", 1) + " ", size),
    # one line with no sentence end at all
    "one_line_words": lambda size: _repeat(lambda n: "scrutiny ", size),
    # a resolution with thousands of parts
    "resolved_parts": lambda size: _repeat(lambda n: f"({chr(97 + n % 26)}) that the Director provides a report by June 2020;\n",
                                           size).replace(HEAD, HEAD + "RESOLVED that:\n", 1),
    # a programme table with thousands of rows
    "programme_rows": lambda size: _repeat(lambda n: f"{1 + n % 28} March 2021\t{TITLES[n % len(TITLES)]} {n}\tJanuary 2020\tTBC\n",
                                           size).replace(HEAD, HEAD + "Meeting date\tIssue\tLast reported\tNotes\n", 1),
    # an action log with thousands of rows
    "action_log": lambda size: _repeat(lambda n: f"{SENTENCES[n % 5]}\tHead of Service\t{1 + n % 28} June 2020\tOpen\n",
                                       size).replace(HEAD, HEAD + "Action\tResponsible officer\tDue date\tStatus\n", 1),
    # a page of dates
    "dates": lambda size: _repeat(lambda n: f"{1 + n % 28} March 2021, ", size),
    # future and moved meetings, over and over
    "future_meetings": lambda size: _repeat(
        lambda n: f"The next meeting will be held on {1 + n % 28} April 2020 at 2pm. The meeting of {1 + n % 28} May 2020 "
                  f"has been moved to {1 + n % 28} June 2020.\n\n", size),
    # an attendance list a mile long
    "attendance": lambda size: _repeat(lambda n: f"Councillor A. Name{n} (Chairman), ", size).replace(HEAD, HEAD + "Present: ", 1),
    # brackets: acronyms learned from "(ABC)" and unbalanced nesting
    "brackets": lambda size: _repeat(lambda n: f"Multi Agency Safeguarding Hub (MASH{n % 7}) ((((( ", size),
    # an HTML page nested thousands deep
    "html_nested": lambda size: "<html><body><h1>Example Scrutiny Panel</h1><p>Thursday, 5 March 2020</p>"
                                + "<div><table><tr><td>" * (size // 30) + "1 Apologies" + "</td></tr></table></div>" * (size // 30),
}


def _time(data: bytes, name: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            _doc, text = parse_bytes(data, name)
            learn_acronyms(text)
        except Exception:  # refused (no date, not a paper): the time to say so still counts
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def baseline_seconds_per_kb() -> float:
    papers = sorted(demo_corpus().glob("*.txt"))
    total_kb = sum(p.stat().st_size for p in papers) / 1024
    for p in papers:  # warm: imports, compiled patterns
        parse_bytes(p.read_bytes(), p.name)
    seconds = sum(_time(p.read_bytes(), p.name, 5) for p in papers)
    return seconds / total_kb


def run_shapes(sizes_kb: list[int], shapes: list[str]) -> None:
    base = baseline_seconds_per_kb()
    print(f"baseline: the {len(list(demo_corpus().glob('*.txt')))} bundled papers parse at {base * 1000:.2f} ms per KB")
    header = "".join(f"{s:>9} KB" for s in sizes_kb)
    print(f"{'shape':<18}{header}   exponent   ms/KB at largest   x baseline")
    for name in shapes:
        timings = []
        for size in sizes_kb:
            data = SHAPES[name](size * 1024).encode()
            suffix = ".html" if name.startswith("html") else ".txt"
            timings.append((len(data) / 1024, _time(data, f"{name}{suffix}", 1 if size >= 1000 else 3)))
        (k1, t1), (k2, t2) = timings[-2], timings[-1]
        exponent = math.log(max(t2, 1e-6) / max(t1, 1e-6)) / math.log(k2 / k1)
        per_kb = t2 / k2
        cells = "".join(f"{t:>10.3f}s" for _k, t in timings)
        print(f"{name:<18}{cells}   {exponent:8.2f}   {per_kb * 1000:16.2f}   {per_kb / base:10.1f}")


def run_pdfs() -> None:
    """A 300-page PDF and a PDF bomb, each read by a fresh bounded worker (the
    default limits): time, the worker's peak memory, and what came of it."""
    import tempfile

    from corpus.bounded import ReaderPool
    from tests.pdfs import long_pdf, pdf_bomb

    with tempfile.TemporaryDirectory() as tmp:
        for label, path in (("300-page PDF", long_pdf(Path(tmp) / "long.pdf", pages=300)),
                            ("PDF bomb", pdf_bomb(Path(tmp) / "bomb.pdf", expands_to=4 << 30))):
            with ReaderPool(workers=1) as pool:
                start = time.perf_counter()
                read = pool.read(path.read_bytes(), path.name)
                took = time.perf_counter() - start
            result = f"read: {len(read.text):,} characters" if read.ok else f"refused: {read.reason}"
            print(f"{label:<14} {path.stat().st_size / 1024:8.0f} KB  {took:6.1f} s  peak {read.peak_mb:6.0f} MB  {result}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 800], help="sizes in KB")
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--pdf", action="store_true", help="also the 300-page PDF and the PDF bomb")
    args = parser.parse_args()
    run_shapes(sorted(args.sizes), args.shapes)
    if args.pdf:
        run_pdfs()


if __name__ == "__main__":
    main()
