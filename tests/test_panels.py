"""Interactive panels: declared beside the scenes, computed by calcviz, drawn by one generic renderer.

- the declarations: every scene's panel builds from its course.toml entry, refers only to its own
  frame keys, and no config text reaches the page;
- in the browser: `python -m scenes panels` writes one preview page with every panel of the course
  (no clips needed); it is loaded from disk in headless Chromium (software WebGL for the 3D panels),
  each control is moved to at least two positions, and every number shown is compared with calcviz
  computed here, to 4 significant figures. A screenshot of each panel is kept in renders/test-artifacts/.
The published page (panels under the clips, the manifest's sha256s, phone width) is checked in
tests/test_publish.py.
"""

from __future__ import annotations

import functools
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import sympy

from calcviz import derivatives, integrals, limits, multivariate, optimize
from scenes.course import ROOT, load_course
from scenes.publish.panels import Board, Panel, PanelError, Point, Readout, Slider, check
from tests.test_publish import ARTIFACTS, chromium, once_per_run

SOFTWARE_WEBGL = ("--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist")


def course_panels() -> list[str]:
    from scenes.publish.panels import panel_function

    return [e.name for w in load_course().weeks for e in w.scenes if panel_function(e.name, e.module)]


# ------------------------------------------------------------------ what calcviz says each panel must show
def _secant_to_tangent(p, c):
    f, a, h = p.function, p.point, c["h"]
    secant, tangent = derivatives.secant_slope(f, a, h), derivatives.tangent_line(f, a).slope
    return {"h": h, "fb": f(a + h), "secant": secant, "tangent": tangent, "gap": secant - tangent}


def _derivative_as_function(p, c):
    a = c["a"]
    return {"a": a, "fa": p.function(a), "slope": p.function.derivative()(a)}


def _linear_approximation(p, c):
    f, a, x0 = p.function, c["a"], p.estimate_at
    line = derivatives.linear_approximation(f, a)
    return {"a": a, "slope": f.derivative()(a), "estimate": line(x0), "true": f(x0), "error": f(x0) - line(x0)}


def _extrema_and_convexity(p, c):
    f, x = p.function, c["x"]
    slope, bend = f.derivative()(x), f.derivative(2)(x)
    return {"x": x, "fx": f(x), "slope": slope, "bend": bend,
            "trend": "increasing" if slope > 0 else "decreasing" if slope < 0 else "level",
            "shape": "convex (bends up)" if bend > 0 else "concave (bends down)" if bend < 0 else "no bend"}


def _epsilon_delta(p, c):
    eps = c["epsilon"]
    return {"epsilon": eps, "delta": limits.delta_for_epsilon(p.function, p.point, eps), "limit": limits.limit(p.function, p.point)}


def _riemann_sums(p, c):
    (lo, hi), rule = p.interval, c["rule"].lower()
    value, exact = integrals.riemann_sum(p.function, lo, hi, int(c["n"]), rule=rule).value, integrals.definite_integral(p.function, lo, hi)
    return {"n": c["n"], "sum": value, "integral": exact, "error": value - exact}


def _area_accumulation(p, c):
    lo, x = p.interval[0], c["x"]
    return {"x": x, "area": 0.0 if x == lo else integrals.definite_integral(p.function, lo, x), "fx": p.function(x)}


def _tangent_plane(p, c):
    plane = multivariate.tangent_plane(p.function, (c["x0"], c["y0"]))
    return {"x0": c["x0"], "y0": c["y0"], "z0": p.function(c["x0"], c["y0"]), "fx": plane.slope_x, "fy": plane.slope_y}


def _gradient_descent_surface(p, c):
    run = optimize.gradient_descent(p.function, (c["sx"], c["sy"]), c["rate"], p.steps, p.momentum)
    return {"rate": c["rate"], "sx": c["sx"], "sy": c["sy"], "steps": run.iterations, "end_x": run.x[0], "end_y": run.x[1],
            "loss": run.fun}


def _functions_of_two_variables(p, c):
    x, y = sympy.symbols("x y")
    return {"x0": c["x0"], "y0": c["y0"], "z0": float(p.function.expr.subs({x: c["x0"], y: c["y0"]}))}


@functools.cache
def _limit_along(expr: sympy.Expr, route: limits.Path) -> float:
    x, y, t = sympy.symbols("x y t")
    return float(sympy.limit(expr.subs({x: route.x, y: route.y}), t, 0, "+-"))


def _limits_along_paths(p, c):
    from scenes.week2.panels import FIELD_LABELS, path_text

    expr = dict(zip(FIELD_LABELS, (p.function.expr, p.curve_function.expr)))[c["field"]]
    route = {path_text(q, p.point): q for q in limits.approach_paths(p.point)}[c["path"]]  # the label names the path
    x, y, t = sympy.symbols("x y t")
    at_x, at_y = (float(v.subs(t, c["t"])) for v in (route.x, route.y))
    return {"t": c["t"], "x": at_x, "y": at_y, "f": float(expr.subs({x: at_x, y: at_y})), "limit": _limit_along(expr, route)}


EXPECTED = {
    "SecantToTangent": _secant_to_tangent, "DerivativeAsFunction": _derivative_as_function,
    "LinearApproximation": _linear_approximation, "ExtremaAndConvexity": _extrema_and_convexity,
    "EpsilonDelta": _epsilon_delta, "RiemannSums": _riemann_sums, "AreaAccumulation": _area_accumulation,
    "TangentPlane": _tangent_plane, "GradientDescentSurface": _gradient_descent_surface,
    "FunctionsOfTwoVariables": _functions_of_two_variables, "LimitsAlongPaths": _limits_along_paths,
}


def agrees(shown: str, expected) -> bool:
    """4 significant figures (or the same words)."""
    if isinstance(expected, str):
        return shown == expected
    if math.isinf(expected):
        return shown == ("infinity" if expected > 0 else "-infinity")
    return math.isclose(float(shown), expected, rel_tol=5e-4, abs_tol=1e-12)


# ------------------------------------------------------------------ the declarations
def test_every_panel_of_the_course_is_tested_here():
    assert set(course_panels()) <= set(EXPECTED), "add the new panel's calcviz expectations to EXPECTED"
    assert {"SecantToTangent", "EpsilonDelta", "RiemannSums", "AreaAccumulation"} <= set(course_panels())


def test_a_panel_that_refers_to_a_missing_frame_key_is_refused_by_name():
    slider = Slider("h", "h", [1.0, 2.0], start=1.0)
    frames = [{"h": 1.0}, {"h": 2.0}]
    panel = Panel(controls=[slider], views=[Board((0, 1, 0, 1), [Point("h", "fh")])], readouts=[Readout("h", "h")], frames=frames)
    with pytest.raises(PanelError, match="the panel of X: Point.y refers to 'fh', not a key of its frames"):
        check(panel, "X")
    with pytest.raises(PanelError, match="the panel of X has 1 frames for 2 control positions"):
        check(Panel(controls=[slider], views=[], readouts=[], frames=frames[:1]), "X")


# ------------------------------------------------------------------ in the browser
def _build_preview(folder: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "scenes", "panels", "--output", str(folder / "page")], cwd=ROOT,
                            capture_output=True, text=True, timeout=600, check=False)
    return {"returncode": result.returncode, "stderr": result.stderr[-4000:]}


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    """The preview page of every panel in the course, written once per test run."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "master")
    folder, result = once_per_run(tmp_path_factory, worker, "panel-preview", _build_preview)
    assert result["returncode"] == 0, result["stderr"]
    return folder / "page"


@pytest.mark.parametrize("scene", course_panels())
def test_panel_data_carries_no_config_text(preview, scene):
    entry = load_course().scene(scene)
    script = (preview / f"{scene}.panel.js").read_text()
    formulas = [v for k, v in json.loads(entry.settings).items() if isinstance(v, str) and k != "title"]
    assert formulas, "the scene's function comes from the config"
    for text in formulas:
        assert text not in script, f"the config's text {text!r} reached the page (formulas go as samples and sympy's TeX)"
    assert len(json.loads(script.split("] = ", 1)[1].rstrip().rstrip(";"))["frames"]) >= 2


@pytest.fixture(scope="module")
def browser(preview):
    with tempfile.TemporaryDirectory() as profile:
        session = chromium(Path(profile), width=1100, height=900, flags=SOFTWARE_WEBGL)
        try:
            session.get((preview / "index.html").as_uri())
            yield session
        finally:
            session.quit()


READ = """
const root = document.getElementById("panel-" + arguments[0]);
const read = (selector, key) => Object.fromEntries(Array.from(root.querySelectorAll(selector)).map(e => [e.dataset[key], e.textContent]));
return {ready: root.dataset.ready, frame: root.dataset.frame, controls: read("output[data-control]", "control"),
        readouts: read("[data-readout]", "readout"),
        sliders: Array.from(root.querySelectorAll("input[data-control]")).map(e => [e.dataset.control, e.type, e.max, e.name || ""])};
"""

SET_SLIDER = """
const input = document.querySelector("#panel-" + arguments[0] + " input[type=range][data-control='" + arguments[1] + "']");
input.value = String(arguments[2]);
input.dispatchEvent(new Event("input", {bubbles: true}));
"""


def _severe(session) -> list[str]:
    return [entry["message"] for entry in session.get_log("browser") if entry["level"] == "SEVERE"]


def _control_value(text: str):
    """A slider shows a number; a choice shows its option's label."""
    try:
        return float(text)
    except ValueError:
        return text


def _check_shown(scene: str, state: dict, params) -> None:
    shown = {k: _control_value(v) for k, v in state["controls"].items()}
    expected = EXPECTED[scene](params, shown)
    assert set(expected) <= set(state["readouts"]) | set(state["controls"]), (scene, expected.keys(), state)
    for key, value in expected.items():
        text = state["readouts"].get(key, state["controls"].get(key))
        assert agrees(text, value), f"{scene} at {state['controls']}: {key} shows {text}, calcviz says {value!r}"


@pytest.mark.parametrize("scene", course_panels())
def test_panel_numbers_agree_with_calcviz_as_its_controls_move(browser, scene):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    params = load_course().scene(scene).params
    root = browser.find_element(By.ID, f"panel-{scene}")
    browser.execute_script("arguments[0].scrollIntoView()", root)
    state = browser.execute_script(READ, scene)
    assert state["ready"] == "true", f"{scene}'s panel did not draw: {_severe(browser)}"
    _check_shown(scene, state, params)
    frames = {state["frame"]}
    for key, kind, top, name in state["sliders"]:
        if kind == "range":
            slider = root.find_element(By.CSS_SELECTOR, f"input[type=range][data-control='{key}']")
            slider.send_keys(Keys.END)  # as a keyboard user would; a touch or a drag fires the same input event
            moved = browser.execute_script(READ, scene)
            _check_shown(scene, moved, params)
            browser.execute_script(SET_SLIDER, scene, key, int(top) // 3)
            third = browser.execute_script(READ, scene)
            _check_shown(scene, third, params)
            frames |= {moved["frame"], third["frame"]}
        else:  # a choice: click every option
            for option in root.find_elements(By.CSS_SELECTOR, f"input[type=radio][data-control='{key}']"):
                option.click()
                clicked = browser.execute_script(READ, scene)
                _check_shown(scene, clicked, params)
                frames.add(clicked["frame"])
    assert len(frames) >= 3, f"{scene}: the controls did not change what is shown"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    root.screenshot(str(ARTIFACTS / f"panel-{scene}.png"))
    assert _severe(browser) == []
