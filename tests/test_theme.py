"""The course theme ([theme] in course.toml): parsed and checked before rendering, and followed everywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scenes.course import ConfigError, check_theme, load_course
from scenes.theme import PALETTES, Theme, ThemeError, resolve
from scenes.theme_check import check, ciede2000, contrast_ratio, differences
from test_make import project  # noqa: F401 (the fixture: a copy of the project whose files a test may touch)

ROOT = Path(__file__).resolve().parent.parent
SERIES_TITLE = 'title = "Calculus and Optimization for Machine Learning"\n'


def themed_course(folder: Path, theme: str) -> Path:
    """The project's course.toml with ``theme`` as its [theme] table, in ``folder``."""
    text = (ROOT / "course.toml").read_text()
    assert SERIES_TITLE in text
    path = folder / "course.toml"
    path.write_text(text.replace(SERIES_TITLE, f"{SERIES_TITLE}\n[theme]\n{theme}\n", 1))
    return path


def theme_error(tmp_path: Path, theme: str) -> str:
    with pytest.raises(ConfigError) as caught:
        check_theme(load_course(themed_course(tmp_path, theme)))
    return str(caught.value)


# Parsing: one line naming the file, [theme] and the key.

@pytest.mark.parametrize("theme, message", [
    ('palette = "sepia"', "course.toml: [theme], key 'palette': expected one of 'dark', 'light', 'high-contrast', got 'sepia'"),
    ('palette = ["light"]', "course.toml: [theme], key 'palette': expected one of 'dark', 'light', 'high-contrast', got ['light']"),
    ("font = {name = 1}", "course.toml: [theme], key 'font': expected one of 'computer-modern', 'palatino', 'times', "
                          "'helvetica', got {'name': 1}"),
    ("logo = 7", "course.toml: [theme], key 'logo': expected the path of an .svg or .png file, got 7"),
    ('function = "blue"', "course.toml: [theme], key 'function': expected a colour like \"#1a2b3c\", got 'blue'"),
    ('secant = "#12345"', "course.toml: [theme], key 'secant': expected a colour like \"#1a2b3c\", got '#12345'"),
    ("text = 3", "course.toml: [theme], key 'text': expected a colour like \"#1a2b3c\", got 3"),
    ('font = "comic-sans"', "course.toml: [theme], key 'font': expected one of 'computer-modern', 'palatino', 'times', "
                            "'helvetica', got 'comic-sans'"),
    ('logo = "logo.gif"', "course.toml: [theme], key 'logo': expected the path of an .svg or .png file, got 'logo.gif'"),
    ('colour = "#ffffff"', "course.toml: [theme]: unknown key 'colour'"),
])
def test_a_bad_theme_is_one_error_naming_the_key(tmp_path, theme, message):
    assert theme_error(tmp_path, theme).startswith(message)


def test_a_missing_logo_is_named_with_its_path(tmp_path):
    message = theme_error(tmp_path, 'logo = "brand/missing.svg"')
    assert message == (f"course.toml: [theme], key 'logo': {tmp_path / 'brand' / 'missing.svg'} not found "
                       "(the path is relative to course.toml)")


def test_make_check_reports_a_bad_theme_once_without_a_traceback(tmp_path):
    """The palette falls back to dark at import, so the loader, not an import, reports the mistake."""
    path = themed_course(tmp_path, 'palette = "neon"')
    result = subprocess.run([sys.executable, "-m", "scenes", "check"], cwd=ROOT, env=dict(os.environ, CALCVIZ_COURSE=str(path)),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines() == ["error: course.toml: [theme], key 'palette': expected one of 'dark', 'light', "
                                          "'high-contrast', got 'neon'"]


# The measures, against published values.

# Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes, supplementary
# test data, and mathematical observations", Table 1: CIELAB pairs and their CIEDE2000.
SHARMA = [
    ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
    ((50.0000, 3.1571, -77.2803), (50.0000, 0.0000, -82.7485), 2.8615),
    ((50.0000, 2.8361, -74.0200), (50.0000, 0.0000, -82.7485), 3.4412),
    ((50.0000, -1.3802, -84.2814), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -1.1848, -84.8006), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -0.9009, -85.5211), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
    ((50.0000, -1.0000, 2.0000), (50.0000, 0.0000, 0.0000), 2.3669),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0009), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0010), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0011), 7.2195),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0012), 7.2195),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0009, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0010, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0011, -2.4900), 4.7461),
    ((50.0000, 2.5000, 0.0000), (50.0000, 0.0000, -2.5000), 4.3065),
    ((50.0000, 2.5000, 0.0000), (73.0000, 25.0000, -18.0000), 27.1492),
    ((50.0000, 2.5000, 0.0000), (61.0000, -5.0000, 29.0000), 22.8977),
    ((50.0000, 2.5000, 0.0000), (56.0000, -27.0000, -3.0000), 31.9030),
    ((50.0000, 2.5000, 0.0000), (58.0000, 24.0000, 15.0000), 19.4535),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.1736, 0.5854), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2972, 0.0000), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 1.8634, 0.5757), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2592, 0.3350), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((61.2901, 3.7196, -5.3901), (61.4292, 2.2480, -4.9620), 1.8731),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((36.4612, 47.8580, 18.3852), (36.2715, 50.5065, 21.2231), 1.4146),
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize("lab1, lab2, expected", SHARMA)
def test_ciede2000_gives_sharmas_published_differences(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("a, b, expected", [
    ("#000000", "#ffffff", 21.0),  # WCAG's extremes
    ("#ffffff", "#ffffff", 1.0),
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
    ("#777777", "#ffffff", 4.48),  # one step lighter fails it
])
def test_contrast_ratios_are_wcags(a, b, expected):
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.005)


# The check: a failing theme names the pair and the figure.

def test_text_too_faint_for_the_background_is_named_with_its_ratio(tmp_path):
    message = theme_error(tmp_path, 'palette = "light"\nmuted = "#aaaaaa"')
    assert message.startswith("course.toml: [theme]: muted #aaaaaa on background #fbfaf7: contrast 2.2")
    assert message.endswith("below 4.5:1 (WCAG), in labels and notes")


def test_text_readable_in_the_clips_but_not_on_the_pages_cards_is_named_there(tmp_path):
    """#737373 reaches 4.5:1 on light's paper (#fbfaf7), not on the pages' slightly darker cards."""
    message = theme_error(tmp_path, 'palette = "light"\nmuted = "#737373"')
    assert message.startswith(f"course.toml: [theme]: muted #737373 on the pages' cards {PALETTES['light']['CARD']}: contrast ")
    assert message.endswith("below 4.5:1 (WCAG), in labels and notes on the pages")


def test_high_contrast_asks_seven_to_one(tmp_path):
    """#8a8a8a on black is 6.08:1: enough in another palette, not in high-contrast."""
    check_theme(load_course(themed_course(tmp_path, 'palette = "dark"\nmuted = "#8a8a8a"')))
    message = theme_error(tmp_path, 'palette = "high-contrast"\nmuted = "#8a8a8a"')
    assert message.startswith("course.toml: [theme]: muted #8a8a8a on background #000000: contrast 6.08:1")
    assert "below 7:1" in message


def test_curves_a_deuteranope_cannot_tell_apart_are_named_with_their_figure(tmp_path):
    """A secant nearly the derivative's colour: the first figure drawing both is the convexity one."""
    message = theme_error(tmp_path, 'palette = "high-contrast"\nsecant = "#90ffd0"')
    assert message.startswith("course.toml: [theme]: derivative #96ffd2 / secant #90ffd0 look alike to a red-green "
                              "colour-blind viewer (CIEDE2000 ")
    assert message.endswith("in convex and concave parts (ExtremaAndConvexity)")


def test_red_and_green_that_differ_to_most_eyes_still_fail():
    """Pure-looking red against green differ by over 60 to normal vision; a deuteranope sees them alike."""
    theme = resolve({"palette": "high-contrast", "derivative": "#5fd35f", "secant": "#f06060"}, Path("course.toml"))
    pair = next(f for f in differences(theme) if f.what.startswith("derivative") and "secant" in f.what)
    assert not pair.passes


@pytest.mark.parametrize("name", ["dark", "light", "high-contrast"])
def test_the_shipped_palettes_pass_every_check(name):
    theme = resolve({"palette": name}, Path("course.toml"))
    check(theme)
    assert all(f.passes for f in differences(theme))


def test_the_dark_palettes_old_colours_would_fail():
    """Dark's curves were 3Blue1Brown's: a deuteranope sees its green f' and red secant 4.8 apart. Given one by
    one, those colours are refused, naming the first failing pair and its figure."""
    old = {"function": "#58c4dd", "derivative": "#83c167", "tangent": "#ffd166", "secant": "#fc6255",
           "accent": "#c59cf2", "area": "#83c167"}
    theme = resolve(old, Path("course.toml"))
    failing = {f.what.split(" ")[0] + "/" + f.what.split(" / ")[1].split(" ")[0]: f.value for f in differences(theme) if not f.passes}
    failing = {pair: value for pair, value in failing.items() if set(pair.split("/")) <= set(old)}  # the keys' own pairs
    assert set(failing) == {"function/accent", "derivative/tangent", "derivative/secant", "area/secant", "area/tangent"}
    assert failing["derivative/secant"] < 6
    with pytest.raises(ThemeError, match=r"function #58c4dd / accent #c59cf2 look alike .* in f with its secant and tangent \(SecantToTangent\)"):
        check(theme)


@pytest.mark.parametrize("figure, series", [
    ("the rules and their samples (RiemannSums)", ("RULE_LEFT", "RULE_RIGHT", "RULE_MIDPOINT", "RULE_TRAPEZOID", "RULE_SIMPSON")),
    ("a ladder of growth (AsymptoticComparison)", ("SERIES_1", "SERIES_2", "SERIES_3", "SERIES_4")),
    ("F + C (Antiderivatives)", ("FAMILY",))])
def test_the_series_colours_are_checked_with_the_curves_beside_them(figure, series):
    from scenes.theme_check import FIGURES

    assert set(series) <= set(FIGURES[figure])


def test_a_yellow_and_an_orange_rule_look_alike_to_a_deuteranope():
    """Dark's rules were a yellow and an orange (#ffd166, #ff9f5a): a deuteranope sees two yellows."""
    theme = resolve({"palette": "dark"}, Path("course.toml"))
    theme = Theme(name="dark", colours={**theme.colours, "RULE_LEFT": "#ffd166", "RULE_RIGHT": "#ff9f5a"})
    with pytest.raises(ThemeError, match=r"rule_left #ffd166 / rule_right #ff9f5a look alike .* in the rules and their samples \(RiemannSums\)"):
        check(theme)


def test_make_check_passes_the_dark_palette_without_warnings():
    result = subprocess.run([sys.executable, "-m", "scenes", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={k: v for k, v in os.environ.items() if k != "CALCVIZ_COURSE"})
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr


# Everything reads the theme.

def run_with_course(course: Path, code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, CALCVIZ_COURSE=str(course)),
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def test_the_kit_the_pages_and_the_panels_take_the_courses_theme(tmp_path):
    light = PALETTES["light"]
    course = themed_course(tmp_path, 'palette = "light"\nfunction = "#1d5fa0"')
    code = ("from scenes.kit.look import BACKGROUND, FUNCTION, DERIVATIVE; print(BACKGROUND, FUNCTION, DERIVATIVE)\n"
            "from scenes.publish import page, panel_assets, practice; print(page.STYLE.split('}')[0]);"
            "print(panel_assets.STYLE.count('color-scheme: light'), practice.STYLE.count('--bg: #fbfaf7'))")
    colours, css, counts = run_with_course(course, code).splitlines()[:3]
    assert colours.split() == [light["BACKGROUND"], "#1d5fa0", light["DERIVATIVE"]]
    assert "color-scheme: light;" in css and f"--bg: {light['BACKGROUND']};" in css and "--accent: #1d5fa0;" in css
    assert f"--fg: {light['FOREGROUND']};" in css and f"--right: {light['DERIVATIVE']};" in css


def test_a_theme_change_is_in_every_clips_settings(tmp_path):
    dark, light = load_course(), load_course(themed_course(tmp_path, 'palette = "light"'))
    for week_dark, week_light in zip(dark.weeks, light.weeks):
        for a, b in zip(week_dark.scenes, week_light.scenes):
            assert json.loads(b.settings)["theme"]["colours"]["BACKGROUND"] == PALETTES["light"]["BACKGROUND"]
            assert {k: v for k, v in json.loads(a.settings).items() if k != "theme"} == \
                   {k: v for k, v in json.loads(b.settings).items() if k != "theme"}
    font = load_course(themed_course(tmp_path, 'font = "palatino"'))
    assert font.scene("SecantToTangent").settings != dark.scene("SecantToTangent").settings


def test_a_theme_change_re_renders_every_clip(project):
    """The Makefile: with every clip up to date, a [theme] plans all of week 3 again."""
    from test_make import SCENE_FILES, fake_clips, planned_renders

    planned_renders(project)
    fake_clips(project)
    assert planned_renders(project) == []
    course = project / "course.toml"
    course.write_text(course.read_text().replace(SERIES_TITLE, f'{SERIES_TITLE}\n[theme]\npalette = "light"\n', 1))
    assert planned_renders(project) == sorted(SCENE_FILES)


def test_the_tex_template_uses_the_themes_font(tmp_path):
    course = themed_course(tmp_path, 'font = "palatino"')
    preamble = run_with_course(course, "from scenes.typeset import themed_template; print(themed_template().preamble)")
    assert r"\usepackage{mathpazo}" in preamble
    assert r"\usepackage{mathpazo}" not in run_with_course(ROOT / "course.toml", "from scenes.typeset import themed_template; "
                                                                             "print(themed_template().preamble)")


LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" '
        'fill="#d0302a"/></svg>')


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_the_logo_is_stamped_in_the_bottom_right_corner_only(tmp_path, kind):
    from scenes.publish import logo

    path = tmp_path / f"logo.{kind}"
    if kind == "svg":
        path.write_text(LOGO)
    else:
        Image.new("RGBA", (200, 100), (208, 48, 42, 255)).save(path)
    plain = Image.new("RGB", (1280, 720), "#111318")
    stamped = np.asarray(logo.stamped(plain, path)).astype(int)
    changed = np.abs(stamped - np.asarray(plain).astype(int)).max(axis=2) > 40
    rows, cols = np.nonzero(changed)
    assert cols.min() > 1280 * 0.9 and rows.min() > 720 * 0.85  # the corner, nothing else
    assert 60 <= cols.max() - cols.min() + 1 <= 1280 * 0.06 + 1  # 6% of the width at most
    assert tuple(stamped[rows.mean().astype(int), cols.mean().astype(int)]) == pytest.approx((208, 48, 42), abs=3)


def test_the_page_shows_the_logo_inline(tmp_path):
    (tmp_path / "logo.svg").write_text(LOGO)
    course = themed_course(tmp_path, 'logo = "logo.svg"')
    html = run_with_course(course, "from pathlib import Path; from scenes.publish import page; "
                                   "print(page.index_html({'series': 'S', 'quality': 'tiny', 'weeks': []}, Path('.')))")
    assert '<img class="logo" src="data:image/svg+xml;base64,' in html


def test_a_real_render_in_the_light_theme_has_the_light_background(tmp_path):
    """SecantToTangent rendered for real (320x180, 5 fps, silent) with palette = "light"."""
    from conftest import TinyRender
    from scenes.publish.video import frame_at

    render = TinyRender("SecantToTangent", tmp_path, course=themed_course(tmp_path, 'palette = "light"'), narration="off")
    assert render.result.returncode == 0, render.result.stderr[-3000:]
    paper = [int(PALETTES["light"]["BACKGROUND"][i:i + 2], 16) for i in (1, 3, 5)]
    with np.load(render.probe.with_suffix(".npz")) as frames:
        last_frame_of_first_beat = frames["arr_0"]
    assert last_frame_of_first_beat[-2, -2].tolist() == paper  # the camera's own pixels: exact
    middle = frame_at(render.clip, 10.0)  # and the encoded clip (yuv420p: within a few levels)
    assert np.abs(middle[-2, -2].astype(int) - paper).max() <= 4
    assert np.median(middle.reshape(-1, 3), axis=0).tolist() == pytest.approx(paper, abs=4)  # mostly paper


def test_text_is_set_in_the_themes_font(tmp_path):
    """Real LaTeX and dvisvgm: the same words come out another width in Palatino than in Computer Modern."""
    code = ("import sys; from manim import config, Tex; from scenes.typeset import themed_template; "
            f"config.tex_dir = sys.argv[1]; config.media_dir = sys.argv[1]; config.tex_template = themed_template(); "
            "print(Tex('Slopes of secant lines').width)")
    widths = {}
    for font in ("computer-modern", "palatino"):
        folder = tmp_path / font
        folder.mkdir()
        course = themed_course(folder, f'font = "{font}"')
        result = subprocess.run([sys.executable, "-c", code, str(folder / "tex")], cwd=ROOT, capture_output=True, text=True,
                                env=dict(os.environ, CALCVIZ_COURSE=str(course)), timeout=120, check=True)
        widths[font] = float(result.stdout.split()[-1])
    assert abs(widths["palatino"] - widths["computer-modern"]) > 0.005 * widths["computer-modern"], widths  # 1.5% here
    (source,) = (tmp_path / "palatino" / "tex").glob("*.tex")
    assert r"\usepackage{mathpazo}" in source.read_text()


# Colour names: what narration and notes say follows the theme.

def colour_names(course: Path, *roles: str) -> list[str]:
    code = ("import sys; from scenes.kit import palette; "
            "print('|'.join(palette.colour_name(getattr(palette, role)) for role in sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, *roles], cwd=ROOT, env=dict(os.environ, CALCVIZ_COURSE=str(course)),
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout.strip().split("|")


ROLES = ("FOREGROUND", "FUNCTION", "DERIVATIVE", "TANGENT", "SECANT", "ACCENT", "POSITIVE_AREA", "CONVEX", "CONCAVE")


def test_colour_names_follow_the_palette(tmp_path):
    dark = colour_names(themed_course(tmp_path, 'palette = "dark"'), *ROLES)
    (tmp_path / "light").mkdir()
    light = colour_names(themed_course(tmp_path / "light", 'palette = "light"'), *ROLES)
    assert dark == ["white", "blue", "green", "yellow", "red", "purple", "green", "green", "red"]
    # light's ink is dark, its tangent orange and its secant magenta: the words differ where the hues do
    assert light[0] == "black" and light[3] == "orange" and light[4] == "magenta" and light[8] == "magenta"
    assert light[1] == dark[1] == "blue"  # the same hue keeps its word


def test_a_colour_given_one_by_one_is_named_by_the_nearest_basic_colour(tmp_path):
    names = colour_names(themed_course(tmp_path, 'palette = "light"\nsecant = "#00ff00"\nfunction = "#ff0000"'),
                         "SECANT", "CONCAVE", "FUNCTION", "TANGENT")
    assert names == ["green", "green", "red", "orange"]  # concave follows the secant; tangent keeps light's word


@pytest.mark.parametrize("colour, word", [("#00ff00", "green"), ("#ff0000", "red"), ("#0000ff", "blue"),
                                          ("#ffff00", "yellow"), ("#808080", "grey"), ("#ffa500", "orange"),
                                          ("#ffffff", "white"), ("#000000", "black"), ("#800080", "purple")])
def test_the_nearest_basic_colour_word_is_the_everyday_one(colour, word):
    from scenes.colour_names import nearest

    assert nearest(colour) == word  # CSS's own colours of those names


@pytest.mark.parametrize("name", ["dark", "light", "high-contrast"])
def test_colours_drawn_together_have_different_names(name):
    """Narration that says "the red curve" must point at one curve: the colours of each figure are named apart."""
    from scenes.theme import KEYS, NAMES
    from scenes.theme_check import FIGURES

    for figure, roles in FIGURES.items():
        words = [NAMES[name][role] for role in roles]
        assert len(set(words)) == len(words), f"{name}, {figure}: {words}"
    assert NAMES[name].keys() == NAMES["dark"].keys()  # every palette names the same roles


def test_a_panels_note_names_the_themes_colours(tmp_path):
    """LinearApproximation's panel marks the error with a bar in the secant's colour, and its note says which."""
    code = ("from scenes.course import load_course; from scenes.publish.panels import build_panel; "
            "entry = next(s for s in load_course().week(3).scenes if s.name == 'LinearApproximation'); "
            "print(build_panel(entry).note)")
    light = run_with_course(themed_course(tmp_path, 'palette = "light"'), code)
    assert "the magenta bar at x₀" in light and "red" not in light
