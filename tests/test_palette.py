"""One palette: the clips' kit, the panels, the pages' CSS, thumbnails and title cards read scenes/kit/palette.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEX = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
CSS_FUNCTION = re.compile(r"\b(?:rgba?|hsla?)\(\s*[\d.]")  # rgb(0, 0, 0): numbers written out, not computed
CSS_NAMED = re.compile(r"(?:color|background|fill|stroke|border|outline)[\w-]*\s*:\s*[^;{}\n]*\b(?:white|black|red|green|blue|"
                       r"yellow|orange|purple|gr[ae]y|pink)\b|[\"'](?:white|black|red|green|blue|yellow|orange|purple|gr[ae]y|pink)[\"']")
# Where a colour may be written: the palettes themselves (scenes/theme.py), the module every reader takes them from,
# and the naming of colours (scenes/colour_names.py: the colours people call "red", "green"... to name a given one).
PALETTE_FILES = {"scenes/theme.py", "scenes/kit/palette.py", "scenes/colour_names.py"}
# Allowed, each for its reason: an example inside an error message (what a colour looks like, not one drawn), and a
# docstring example's input and printed result (what lighter() makes of dark's secant).
ALLOWED = {"scenes/params.py": ['expected a color like \\"#58c4dd\\"'],
           "scenes/publish/panels.py": ['>>> lighter("#ff4b3c", 0.5)', "'#ffa59e'"]}


def _manim_colours() -> re.Pattern:
    from manim import ManimColor
    from manim.utils.color import manim_colors

    names = sorted(name for name, value in vars(manim_colors).items() if name.isupper() and isinstance(value, ManimColor))
    assert {"WHITE", "YELLOW", "BLUE_C", "PURE_RED"} <= set(names)
    return re.compile(r"\b(?:" + "|".join(names) + r")\b")


def written_colours(paths, root: Path = ROOT) -> list[str]:
    """Every line of ``paths`` that writes out a colour: hex, a manim colour constant, CSS's rgb() or named colours."""
    manim = _manim_colours()
    found = []
    for path in paths:
        name = str(path.relative_to(root))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(allowed in line for allowed in ALLOWED.get(name, ())):
                continue
            code = line.split("#", 1)[0] if path.suffix == ".py" and line.lstrip().startswith("#") else line
            if any(pattern.search(code) for pattern in (HEX, CSS_FUNCTION, CSS_NAMED, manim)):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_nothing_in_scenes_names_a_colour_outside_the_palette():
    """Scenes, kit, panels, pages' writers and their scripts take every colour from the palette, so the theme reaches them."""
    sources = [path for pattern in ("scenes/**/*.py", "scenes/**/*.js", "scenes/**/*.css") for path in ROOT.glob(pattern)
               if str(path.relative_to(ROOT)) not in PALETTE_FILES and "node_modules" not in path.parts]
    assert len(sources) > 60
    assert written_colours(sources) == []


def test_the_scan_finds_each_way_of_writing_a_colour(tmp_path):
    """The scan above could miss nothing it claims to catch: each way, written once, is found."""
    ways = ['color="#ece6e2"', "color=YELLOW", "Dot(color=BLUE_C)", "background: #000;", "color: white;",
            'fill: rgb(0, 0, 0)', 'stroke: "black"', "x = '#abc'"]
    fine = ["color=FOREGROUND", "background: var(--bg);", "white-space: nowrap;", "# issue #123 is fixed",
            '"rgb(" + rgb.join(",") + ")"', 'say("the red curve")']
    path = tmp_path / "scene.py"
    path.write_text("\n".join(ways + fine) + "\n")
    assert [line.split(": ", 1)[1] for line in written_colours([path], root=tmp_path)] == ways


def test_the_palette_loads_without_manim():
    code = "import sys, scenes.kit.palette, scenes.publish.week; print('manim' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_pages_css_variables_are_the_palettes():
    from scenes.kit import palette
    from scenes.publish import page

    assert f"--bg: {palette.BACKGROUND};" in page.STYLE and f"--fg: {palette.FOREGROUND};" in page.STYLE
    for name in ("axis", "muted", "label", "bg", "rule", "panel", "card", "fg"):  # what panels.js reads
        assert f"--{name}: " in palette.css_variables()
