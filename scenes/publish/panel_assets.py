"""The panels' browser side: the pinned libraries copied beside the page, their tags, and a preview page.

``scripts/bootstrap.sh`` installs JSXGraph, KaTeX (with its fonts) and
Plotly's gl3d bundle with ``npm pack`` into ``.venv/share``; publishing
copies the files the page needs into ``<quality>/lib/`` (only those that
changed, each moved into place whole), beside the generic renderer
``panels.js``.  Everything is loaded by relative ``<script>``/``<link>``
tags, so the page works from disk with no network.

``python -m scenes panels [SCENE ...] --output DIR`` writes ``DIR/index.html``
with just the panels (no clips needed): how a scene writer looks at a new
panel, and what the browser tests load.
"""

from __future__ import annotations

import hashlib
import json
import os
from html import escape
from pathlib import Path

from scenes.course import ROOT, Course, load_course
from scenes.kit import palette

SHARE = Path(os.environ.get("CALCVIZ_SHARE") or ROOT / ".venv" / "share")
RENDERER = Path(__file__).with_name("panels.js")
LIBRARY_FOLDER = "lib"

# (installed package folder, file inside it, where it goes under lib/)
_FILES = [
    ("jsxgraph", "distrib/jsxgraphcore.js", "jsxgraph/jsxgraphcore.js"),
    ("jsxgraph", "distrib/jsxgraph.css", "jsxgraph/jsxgraph.css"),
    ("jsxgraph", "LICENSE.MIT", "jsxgraph/LICENSE.MIT"),
    ("jsxgraph", "LICENSE.LGPL", "jsxgraph/LICENSE.LGPL"),
    ("katex", "dist/katex.min.js", "katex/katex.min.js"),
    ("katex", "dist/katex.min.css", "katex/katex.min.css"),
    ("katex", "LICENSE", "katex/LICENSE"),
    ("plotly.js-gl3d-dist-min", "plotly-gl3d.min.js", "plotly/plotly-gl3d.min.js"),
    ("plotly.js-gl3d-dist-min", "LICENSE", "plotly/LICENSE"),
]
STYLESHEETS = ["jsxgraph/jsxgraph.css", "katex/katex.min.css"]
SCRIPTS_2D = ["katex/katex.min.js", "jsxgraph/jsxgraphcore.js"]
SCRIPT_3D = "plotly/plotly-gl3d.min.js"
RENDERER_FILE = "calcviz-panels.js"


class AssetError(RuntimeError):
    """A library the panels need is not installed."""


def library_files() -> list[tuple[Path, str]]:
    """(installed file, path under lib/) for every file the page loads, KaTeX's fonts included."""
    files = [(SHARE / package / inside, target) for package, inside, target in _FILES]
    fonts = SHARE / "katex" / "dist" / "fonts"
    files += [(font, f"katex/fonts/{font.name}") for font in sorted(fonts.glob("*.woff*"))] if fonts.is_dir() else []
    files.append((RENDERER, RENDERER_FILE))
    missing = [str(source) for source, _ in files if not source.exists()]
    if missing or not fonts.is_dir():
        raise AssetError(f"the panels' libraries are not installed ({(missing or [str(fonts)])[0]} is missing): "
                         "run `make setup` (scripts/bootstrap.sh)")
    return files


def install_libraries(quality_folder: Path) -> list[dict]:
    """Copy the libraries into ``quality_folder/lib`` where they differ; returns their manifest entries."""
    from scenes.publish.site import write_atomically

    entries = []
    for source, target in library_files():
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        destination = quality_folder / LIBRARY_FOLDER / target
        if not destination.exists() or hashlib.sha256(destination.read_bytes()).hexdigest() != digest:
            destination.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(destination, data)
        entries.append({"file": f"{LIBRARY_FOLDER}/{target}", "size": len(data), "sha256": digest})
    return entries


def head_tags(prefix: str = "") -> str:
    return "".join(f'<link rel="stylesheet" href="{prefix}{LIBRARY_FOLDER}/{css}">\n' for css in STYLESHEETS)


def script_tags(panel_files: list[str], three_d: bool, prefix: str = "") -> str:
    """Libraries, then each panel's data file, then the renderer that draws them."""
    libraries = SCRIPTS_2D + ([SCRIPT_3D] if three_d else [])
    tags = [f'<script src="{prefix}{LIBRARY_FOLDER}/{name}"></script>' for name in libraries]
    tags += [f'<script src="{escape(prefix + path)}"></script>' for path in panel_files]
    tags.append(f'<script src="{prefix}{LIBRARY_FOLDER}/{RENDERER_FILE}"></script>')
    return "\n".join(tags) + "\n"


def panel_div(scene: str) -> str:
    return f'<div class="panel" id="panel-{escape(scene)}" data-scene="{escape(scene)}"></div>'


STYLE = """
.panel { position: relative; background: var(--panel); border-radius: 6px; padding: .75rem; min-width: 0; }
.panel-formula { overflow-x: auto; overflow-y: hidden; margin-bottom: .5rem; }
.panel-body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(200px, 2fr); gap: 1rem; align-items: start; }
.panel-plots { display: grid; gap: .5rem; min-width: 0; }
.panel-board { width: 100%; height: auto; border: 0; border-radius: 4px; background: var(--bg); }
.panel-3d { width: 100%; aspect-ratio: 4 / 3; }
.panel-control { display: grid; grid-template-columns: auto 1fr; gap: .25rem .75rem; align-items: center; margin-bottom: .6rem; }
.panel-control input[type=range] { grid-column: 1 / -1; width: 100%; height: 2rem; margin: 0; accent-color: var(--accent); touch-action: pan-y; }
.panel-value { font-variant-numeric: tabular-nums; justify-self: end; }
.panel-choice { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.panel-choice label { padding: .35rem 0; cursor: pointer; }
.panel-choice input { width: 1.1rem; height: 1.1rem; vertical-align: middle; }
.panel-readouts { display: grid; grid-template-columns: minmax(0, 1fr) max-content; gap: .2rem .75rem; margin: 0; }
.panel-readouts dt { min-width: 0; overflow-x: auto; overflow-y: hidden; }
.panel-readouts dd { margin: 0; font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
.panel-side { min-width: 0; }
.panel-board .JXGtext { white-space: nowrap; text-shadow: 0 0 2px var(--bg), 0 0 2px var(--bg), 0 0 3px var(--bg); }
.panel-axis-name { font-style: italic; padding: 0 .15rem; white-space: nowrap; }
.panel-note { color: var(--muted); font-size: .9rem; }
.panel-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 800px) { .panel-body { grid-template-columns: 1fr; } }
"""


def preview_html(course: Course, scenes: list[str], output: Path) -> Path:
    """``output/index.html``: the given scenes' panels alone, with the libraries beside it."""
    from scenes.publish.panels import Scene3D, build_panel, panel_script
    from scenes.publish.site import write_atomically

    output.mkdir(parents=True, exist_ok=True)
    install_libraries(output)
    sections, files, three_d = [], [], False
    for name in scenes:
        entry = course.scene(name)
        panel = build_panel(entry)
        if panel is None:
            raise AssetError(f"{name} has no panel: add `def {Path(entry.module).stem}(params)` to "
                             f"{Path(entry.module).parent}/panels.py")
        three_d = three_d or any(isinstance(v, Scene3D) for v in panel.views)
        write_atomically(output / f"{name}.panel.js", panel_script(name, panel))
        files.append(f"{name}.panel.js")
        sections.append(f"<section><h2>{escape(entry.title)}</h2>\n{panel_div(name)}\n</section>\n")
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Panels: {escape(", ".join(scenes))}</title>
{head_tags()}<style>
:root {{ {palette.css_variables()} }}
body {{ margin: 0 auto; max-width: 1000px; padding: 1rem; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }}
{STYLE}</style>
</head>
<body>
{"".join(sections)}{script_tags(files, three_d)}</body>
</html>
"""
    write_atomically(output / "index.html", page)
    return output / "index.html"


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m scenes panels", description="Preview scenes' interactive panels.")
    parser.add_argument("scenes", nargs="*", help="scene names (default: every scene that has a panel)")
    parser.add_argument("--output", type=Path, default=ROOT / "renders" / "panels")
    args = parser.parse_args(argv)
    course = load_course()
    if args.scenes:
        names = args.scenes
    else:
        from scenes.publish.panels import panel_function

        names = [e.name for w in course.weeks for e in w.scenes if panel_function(e.name, e.module)]
    page = preview_html(course, names, args.output)
    print(f"{os.path.relpath(page)}: {len(names)} panel(s); open it in a browser")
    print(json.dumps(names))
    return 0
