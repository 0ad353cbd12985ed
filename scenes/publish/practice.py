"""A week's practice page, ``week3/practice.html``: every problem of :mod:`scenes.exercises` with a math
field (MathLive), "check" (right or wrong at once) and "show the steps" (calcviz's worked solution, set by
KaTeX); the student's progress stays in the browser (localStorage) and shows on the week's page.

The page is data plus one static script (``practice.js``): the problems, the points calcviz chose for
each expression and calcviz's values there, numbers with their tolerance, and the right choice where the
answer is a word.  The browser parses what the student types into MathJSON with the Compute Engine and
compares values; nothing the student types, and no text from course.toml, is ever run as code.  MathLive,
the Compute Engine and KaTeX are copied from their pinned npm packages (``scripts/bootstrap.sh``) into the
quality folder's ``lib/``, so the page works from disk, offline.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path

from calcviz.exercises import POINTS_NEEDED, Problem
from scenes.kit import palette
from scenes.publish.panel_assets import LIBRARY_FOLDER, SHARE

SCRIPT = Path(__file__).with_name("practice.js")
SCRIPT_FILE = "calcviz-practice.js"
ENGINE = "@cortex-js/compute-engine"
# (installed package folder, file inside it, where it goes under lib/)
_FILES = [
    ("mathlive", "mathlive.min.js", "mathlive/mathlive.min.js"),
    ("mathlive", "mathlive-fonts.css", "mathlive/mathlive-fonts.css"),
    ("mathlive", "LICENSE.txt", "mathlive/LICENSE.txt"),
    (ENGINE, "dist/umd-min/compute-engine.cjs", "compute-engine/compute-engine.min.js"),  # the UMD build, a plain script
    (ENGINE, "LICENSE", "compute-engine/LICENSE"),
    ("katex", "dist/katex.min.js", "katex/katex.min.js"),
    ("katex", "dist/katex.min.css", "katex/katex.min.css"),
    ("katex", "LICENSE", "katex/LICENSE"),
]
FONT_FOLDERS = [("mathlive", "fonts", "mathlive/fonts"), ("katex", "dist/fonts", "katex/fonts")]

STYLE = ":root { " + palette.css_variables() + " }" + """
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }
header, main { max-width: 900px; margin: 0 auto; padding: 1.25rem; }
a { color: var(--accent); }
.muted { color: var(--muted); }
#problems { padding-left: 1.5rem; }
.problem { background: var(--card); border-radius: 8px; padding: .75rem 1rem; margin: 0 0 1rem; }
.problem.solved { outline: 1px solid var(--right); }
math-field { display: block; width: 100%; font-size: 1.2rem; padding: .3rem; border-radius: 4px;
  background: var(--field); color: var(--field-ink); }
.choices { border: 0; padding: 0; margin: .5rem 0; }
.choices legend { color: var(--muted); }
.choices label { display: inline-block; margin: .2rem 1.2rem .2rem 0; }
.actions { margin: .6rem 0 .2rem; }
.actions button { font: inherit; padding: .35rem .9rem; margin: 0 .5rem .3rem 0; border-radius: 4px; border: 1px solid var(--accent);
  background: none; color: var(--accent); cursor: pointer; }
button:focus-visible, input:focus-visible, math-field:focus-within { outline: 2px solid var(--accent); outline-offset: 2px; }
.verdict { display: block; min-height: 1.5em; }
.verdict[data-verdict=right] { color: var(--right); }
.verdict[data-verdict=wrong] { color: var(--wrong); }
.steps { overflow-x: auto; }
.steps .rule { color: var(--muted); }
.steps .katex-display { margin: .3rem 0 .6rem; }
"""


# Scripts only from files beside the page, and no eval or new Function: the browser itself refuses to run
# anything built from text (what the student types, the data), whatever a library might try.
CSP = "script-src 'self'; object-src 'none'; base-uri 'none'"


class PracticeError(RuntimeError):
    """The page's libraries are not installed."""


def practice_path(week_number: int) -> str:
    return f"week{week_number}/practice.html"


def library_files() -> list[tuple[Path, str]]:
    """(installed file, path under lib/) for every file the page loads, the fonts included."""
    files = [(SHARE / package / inside, target) for package, inside, target in _FILES]
    for package, inside, target in FONT_FOLDERS:
        files += [(font, f"{target}/{font.name}") for font in sorted((SHARE / package / inside).glob("*.woff2"))]
    files.append((SCRIPT, SCRIPT_FILE))
    missing = [str(source) for source, _ in files if not source.exists()]
    if missing or not any(target.startswith("mathlive/fonts/") for _, target in files):
        raise PracticeError(f"the practice page's libraries are not installed ({(missing or ['mathlive/fonts'])[0]} is missing): "
                            "run `make setup` (scripts/bootstrap.sh)")
    return files


def install_libraries(quality_folder: Path) -> int:
    """Copy the libraries into ``quality_folder/lib`` where they differ; returns their bytes."""
    from scenes.publish.site import write_atomically

    total = 0
    for source, target in library_files():
        data = source.read_bytes()
        total += len(data)
        destination = quality_folder / LIBRARY_FOLDER / target
        if not destination.exists() or hashlib.sha256(destination.read_bytes()).hexdigest() != hashlib.sha256(data).hexdigest():
            destination.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(destination, data)
    return total


def segments(prompt: str) -> list[dict]:
    """A prompt as text and math pieces (the page sets math with KaTeX, text as text: no HTML from data)."""
    return [{"math": part} if i % 2 else {"text": part} for i, part in enumerate(prompt.split("$")) if part or i % 2]


def page_data(week_number: int, problems: list[Problem]) -> dict:
    return {"week": week_number, "problems": [
        {"number": n, "kind": p.kind, "prompt": segments(p.prompt), "answer": p.answer.as_data(), "answer_latex": p.answer.latex,
         "steps": [{"rule": s.rule, "latex": s.latex} for s in p.steps]}
        for n, p in enumerate(problems, start=1)]}


def _json_for_html(data: dict) -> str:
    """JSON inside a <script type=application/json>: no "</" can end the element early."""
    return json.dumps(data, separators=(",", ":")).replace("</", "<\\/")


def practice_html(course_title: str, week, problems: list[Problem], variant_name: str) -> str:
    lib = f"../{LIBRARY_FOLDER}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Week {week.number} practice · {escape(course_title)}</title>
<link rel="stylesheet" href="{lib}/katex/katex.min.css">
<link rel="stylesheet" href="{lib}/mathlive/mathlive-fonts.css">
<style>{STYLE}</style>
</head>
<body>
<header>
<p><a href="index.html">Week {week.number}</a> · <a href="../index.html">All weeks</a></p>
<h1>Week {week.number} practice: {escape(week.title)}</h1>
<p>Type each answer, then press Enter or <strong>Check</strong>; <strong>Show the steps</strong> works it out.
Progress: <span id="progress">0 of {len(problems)} right</span> (kept in this browser only).</p>
<p class="muted">Expressions are compared by their values at {POINTS_NEEDED} points, to 1 part in a million; numbers to 1 part in
10,000 (0.0001 below 1). log is the natural logarithm. An antiderivative needs its + C. Variant {escape(variant_name)}.</p>
</header>
<main>
<ol id="problems"></ol>
</main>
<script type="application/json" id="practice-data">{_json_for_html(page_data(week.number, problems))}</script>
<script src="{lib}/katex/katex.min.js"></script>
<script src="{lib}/compute-engine/compute-engine.min.js"></script>
<script src="{lib}/mathlive/mathlive.min.js"></script>
<script src="{lib}/{SCRIPT_FILE}"></script>
</body>
</html>
"""


def write_practice(course_title: str, week, problems: list[Problem], variant_name: str, quality_folder: Path) -> Path:
    """``week<N>/practice.html`` in the quality folder, its libraries in ``lib/``; returns the page."""
    from scenes.publish.site import write_atomically

    install_libraries(quality_folder)
    page = quality_folder / practice_path(week.number)
    page.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(page, practice_html(course_title, week, problems, variant_name))
    return page


def page_weight(quality_folder: Path, week_number: int) -> int:
    """Bytes a browser loads for the practice page: the page and every library file it uses."""
    return (quality_folder / practice_path(week_number)).stat().st_size + sum(
        (quality_folder / LIBRARY_FOLDER / target).stat().st_size for _, target in library_files())
