"""One palette: the clips' kit, the panels, the pages' CSS, thumbnails and title cards read scenes/kit/palette.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
# Where colours used to be written out: the kit, the publishing code and its scripts, the parameters.
READERS = [*ROOT.glob("scenes/kit/*.py"), *ROOT.glob("scenes/publish/*.py"), *ROOT.glob("scenes/publish/*.js"),
           ROOT / "scenes/params.py"]


def _doctest_output(line: str) -> bool:
    """A docstring example's printed result (``'#feb0aa'``): what a palette colour becomes, not a colour chosen."""
    return line.strip().startswith("'#")


def test_no_colour_is_written_outside_the_palette():
    written = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}" for path in READERS if path.name != "palette.py"
               for number, line in enumerate(path.read_text().splitlines(), 1)
               if HEX.search(line) and "expected a color like" not in line and not _doctest_output(line)]
    assert written == []


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
