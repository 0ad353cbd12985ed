"""The published site audited as a university must: axe-core's WCAG 2.1 A and AA rules on every page that
`make publish-week3` writes (the index, the week's page, its practice page), in headless Chromium, in the dark
theme and in the light one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scenes.course import ROOT
from scenes.theme import PALETTES
from tests.test_publish import chromium, publish_week3_once

AXE = ROOT / ".venv" / "share" / "axe-core" / "axe.min.js"  # pinned by scripts/bootstrap.sh
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary)})),
                   passes: r.passes.length, rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length}))
  .catch(e => done({error: String(e)}));
"""


def _audit(pages: list[Path]) -> dict[str, dict]:
    source = AXE.read_text(encoding="utf-8")
    found = {}
    with tempfile.TemporaryDirectory() as profile:
        browser = chromium(Path(profile), width=1280, height=1000)
        try:
            for page in pages:
                browser.get(page.as_uri())
                time.sleep(1.0)  # panels, KaTeX and the practice fields drawn
                browser.execute_script(source)  # by the driver: the page's own policy allows no injected script
                found[page.name] = browser.execute_async_script(RUN_AXE, WCAG_21_AA)
        finally:
            browser.quit()
    return found


def test_every_published_page_has_no_wcag_21_aa_violation(tmp_path_factory, worker_id):
    assert AXE.exists(), f"{AXE} is missing: run scripts/bootstrap.sh"
    published = publish_week3_once(tmp_path_factory, worker_id)
    pages = [published / "index.html", *sorted((published / "week3").glob("*.html"))]
    assert {"index.html", "practice.html"} <= {p.name for p in pages}, pages
    results = _audit(pages)
    for name, result in results.items():
        assert "error" not in result, f"{name}: axe did not run: {result}"
        assert result["rules"] > 20, f"{name}: axe checked only {result['rules']} rules"
        assert result["violations"] == [], f"{name}: {result['violations']}"


# The same pages in the light theme: written again by the publishing code itself (the week's pages, its practice page
# and its panels' scripts, which carry the palette's colours) with palette = "light", beside the clips published
# above (their pixels are not in axe's view: a video's contrast is the clips' own check, scenes/theme_check.py).
RELIGHT = """
import sys
from pathlib import Path
from scenes.course import load_course
from scenes.publish import exercise_sheets, practice, site
from scenes.publish.panels import build_panel, panel_script

folder = Path(sys.argv[1])
course = load_course()
for entry in course.week(3).scenes:
    panel = build_panel(entry)
    if panel is not None:
        (folder / "week3" / f"{entry.name}.panel.js").write_text(panel_script(entry.name, panel), encoding="utf-8")
_, week, problems, variant = exercise_sheets.week_exercises(3, None)
practice.write_practice(course.title, week, problems, variant, folder)
site.refresh(course, "tiny", folder)
"""


def test_the_light_themes_pages_have_no_wcag_21_aa_violation(tmp_path_factory, worker_id, tmp_path):
    from tests.test_theme import themed_course

    published = publish_week3_once(tmp_path_factory, worker_id)
    light = tmp_path / "tiny"
    shutil.copytree(published, light, symlinks=True)
    course = themed_course(tmp_path, 'palette = "light"')
    subprocess.run([sys.executable, "-c", RELIGHT, str(light)], cwd=ROOT, env=dict(os.environ, CALCVIZ_COURSE=str(course)),
                   capture_output=True, text=True, timeout=300, check=True)
    pages = [light / "index.html", *sorted((light / "week3").glob("*.html"))]
    for page in pages:
        assert f"--bg: {PALETTES['light']['BACKGROUND']};" in page.read_text(encoding="utf-8"), f"{page.name} is not light"
    panel_script = next((light / "week3").glob("*.panel.js")).read_text(encoding="utf-8")
    assert PALETTES["light"]["SECANT"] in panel_script and PALETTES["dark"]["SECANT"] not in panel_script
    results = _audit(pages)
    assert {"index.html", "practice.html"} <= set(results)
    for name, result in results.items():
        assert "error" not in result, f"{name}: axe did not run: {result}"
        assert result["rules"] > 20, f"{name}: axe checked only {result['rules']} rules"
        assert result["violations"] == [], f"light theme, {name}: {result['violations']}"
