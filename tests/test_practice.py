"""The practice page in headless Chromium, from disk: for every kind of exercise of the course, typed at the
keyboard into MathLive's field (or chosen), a correct answer, an equivalent form, a wrong one and garbage get
their verdict at once; the console stays clean; progress shows on the week's page; it fits a phone.

The answers typed here are worked out by hand from each problem (not read from the page's data)."""

from __future__ import annotations

import functools
import json
import re
import tempfile
from pathlib import Path

import pytest

from scenes.course import load_course
from scenes.publish.problem_set import week_problems
from scenes.publish import practice
from scenes.publish.page import index_html
from tests.test_publish import chromium

RIGHT = "\ue014"  # the right arrow key: out of a fraction or an exponent, as a student leaves it
BACKSPACE, CTRL, ENTER, TAB = "\ue003", "\ue009", "\ue007", "\ue004"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Every week's practice page (variant A), and week 3's course page with its practice link."""
    folder = tmp_path_factory.mktemp("practice")
    course = load_course()
    for week in course.weeks:
        if week.exercises:
            practice.write_practice(course.title, week, week_problems(week, "A"), "A", folder)
    lecture = {"file": "week3/week3.mp4", "captions": {"srt": "week3/week3.srt", "vtt": "week3/week3.vtt"},
               "chapters_text": "week3/week3-chapters.txt", "chapters": [], "duration": 60, "thumbnail": "week3/week3.png"}
    week = {"number": 3, "title": "Derivatives", "lecture": lecture, "clips": [], "page": "week3/index.html",
            "practice": practice.practice_path(3)}
    (folder / "index.html").write_text(index_html({"series": course.title, "quality": "tiny", "weeks": [week]}, folder))
    return folder


@pytest.fixture(scope="module")
def browser(site):
    with tempfile.TemporaryDirectory() as profile:
        session = chromium(Path(profile), width=1000, height=900)
        try:
            yield session
        finally:
            session.quit()


def _open(browser, site: Path, week: int) -> None:
    page = (site / practice.practice_path(week)).as_uri()
    if browser.current_url != page:
        browser.get(page)
    ready = browser.execute_script("return document.body.dataset.ready")
    assert ready == "true", f"week {week}'s practice page did not start: {_severe(browser)}"


def _severe(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


@functools.lru_cache(maxsize=None)
def _problems(week: int) -> list:
    return week_problems(load_course().week(week), "A")


def _number(week: int, words: str) -> int:
    """The number of the week's first problem whose prompt holds ``words``."""
    problems = _problems(week)
    return next(n for n, p in enumerate(problems, start=1) if words in p.prompt)


def _answer(browser, number: int, keys: str | None = None, option: str | None = None, paste: str | None = None) -> tuple[str, str]:
    """Answer problem ``number`` by keyboard: Tab into its field, clear it, type ``keys`` (or paste), choose
    ``option``, press Enter (or Check); returns the verdict and its message."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    item = browser.find_element(By.ID, f"problem-{number}")
    verdict = item.find_element(By.CSS_SELECTOR, ".verdict")
    browser.execute_script("arguments[0].textContent = ''; delete arguments[0].dataset.verdict", verdict)  # no stale verdict
    radio = item.find_elements(By.CSS_SELECTOR, f"input[type=radio][value='{option or 'value'}']")
    if radio:
        radio[0].click()
    browser.execute_script("arguments[0].scrollIntoView(); arguments[0].focus()", item)
    fields = item.find_elements(By.CSS_SELECTOR, "math-field")
    if fields and option is None:
        ActionChains(browser).send_keys(TAB).key_down(CTRL).send_keys("a").key_up(CTRL).send_keys(BACKSPACE).perform()
        assert browser.execute_script("return document.activeElement === arguments[0]", fields[0]), "Tab reaches the field"
        if paste is not None:
            browser.execute_script("arguments[0].value = arguments[1]", fields[0], paste)
        elif keys:
            ActionChains(browser).send_keys(keys).perform()
        ActionChains(browser).send_keys(ENTER).perform()
    else:
        item.find_element(By.CSS_SELECTOR, "button[data-action=check]").click()
    return verdict.get_attribute("data-verdict"), verdict.text


# kind: (week, words of the prompt, [(what is typed or chosen, verdict expected, words of the message)])
# Typed as a student types into MathLive: "/" makes a fraction, "^" an exponent, RIGHT leaves them.
CASES = {
    # d/dx x sin(2x) = sin(2x) + 2x cos(2x)
    "derivative": (3, "x \\sin{\\left(2 x", [
        ({"keys": "sin(2x)+2x*cos(2x)"}, "right", ""), ({"keys": "2x*cos(2x)+sin(2x)"}, "right", ""),
        ({"keys": "2cos(2x)"}, "wrong", ""), ({"keys": "sin("}, "unreadable", "Could not read")]),
    # the lecture's x/(x^2 + 1): (1 - x^2)/(x^2 + 1)^2 = 1/(1 + x^2) - 2x^2/(1 + x^2)^2
    "derivative (quotient)": (3, "\\frac{x}{x^{2} + 1}", [
        ({"keys": "(1-x*x)/((x*x+1)*(x*x+1))"}, "right", ""),
        ({"keys": "1/(1+x*x)" + RIGHT + "-2x*x/((1+x*x)^2" + RIGHT + ")"}, "right", ""),
        ({"keys": "1/(2x)"}, "wrong", ""), ({"paste": "9" * 10000}, "unreadable", "too long")]),
    # ∫ 2x cos(x^2) dx = sin(x^2) + C
    "antiderivative": (5, "2 x \\cos{\\left(x^{2}", [
        ({"keys": "sin(x^2" + RIGHT + ")+C"}, "right", ""), ({"keys": "sin(x^2" + RIGHT + ")+5+C"}, "right", ""),
        ({"keys": "sin(x^2" + RIGHT + ")"}, "wrong", "+ C"), ({"keys": "cos(x^2" + RIGHT + ")+C"}, "wrong", ""),
        ({"keys": "1/0"}, "unreadable", "no finite value")]),
    "no elementary antiderivative": (5, "e^{- x^{2}}", [
        ({"option": "no elementary antiderivative"}, "right", ""), ({"keys": "x+C"}, "wrong", "")]),
    # sin(x)/x -> 1 at 0; |x|/x has no limit there
    "limit": (2, "\\frac{\\sin{\\left(x \\right)}}{x}", [
        ({"keys": "1"}, "right", ""), ({"keys": "2/2"}, "right", ""), ({"keys": "0"}, "wrong", ""),
        ({"option": "no limit"}, "wrong", ""), ({"keys": "x+"}, "unreadable", "Could not read")]),
    "no limit": (2, "\\frac{\\left|{x}\\right|}{x}", [({"option": "no limit"}, "right", ""), ({"keys": "1"}, "wrong", "")]),
    # xy/(x^2 + y^2) at (0, 0): 0 along y = 0, 1/2 along y = x; x^2 y/(x^2 + y^2): |f| <= |y| -> 0
    "path limit": (2, "\\frac{x y}{x^{2} + y^{2}}", [({"option": "no limit"}, "right", ""), ({"keys": "0"}, "wrong", "")]),
    "path limit with a limit": (2, "\\frac{x^{2} y}{x^{2} + y^{2}}", [
        ({"keys": "0"}, "right", ""), ({"keys": "0/5"}, "right", ""), ({"keys": "1/2"}, "wrong", ""),
        ({"keys": "y"}, "unreadable", "Unknown symbol y")]),
    # (2n + 1)/(3n - 2) -> 2/3; cos(pi n) has no limit
    "sequence limit": (1, "\\frac{2 n + 1}{3 n - 2}", [
        ({"keys": "2/3"}, "right", ""), ({"keys": "0.66667"}, "right", ""), ({"keys": "1/2"}, "wrong", ""),
        ({"keys": "2n"}, "unreadable", "Unknown symbol n")]),
    "sequence with no limit": (1, "\\lim_{n \\to \\infty} \\cos{\\left(\\pi n", [({"option": "no limit"}, "right", ""), ({"keys": "1"}, "wrong", "")]),
    # x^4 - 2x^2 at 0: f''(0) = -4 < 0, a maximum
    "extremum": (3, "x^{4} - 2 x^{2}$ has $f'(0) = 0", [
        ({}, "unreadable", "Choose one"), ({"option": "maximum"}, "right", ""), ({"option": "minimum"}, "wrong", "")]),
    # x^2 / x = x -> 0 at 0: little o
    "comparison": (2, "f(x) = x^{2}$ with $g(x) = x", [
        ({}, "unreadable", "Choose one"), ({"option": "f = o(g)"}, "right", ""), ({"option": "neither: f is not O(g)"}, "wrong", "")]),
    # sqrt(4.1) ~ 2 + 0.1/4 = 2.025 = 81/40
    "linear approximation": (3, "\\sqrt{x}", [
        ({"keys": "2.025"}, "right", ""), ({"keys": "81/40"}, "right", ""), ({"keys": "2"}, "wrong", ""),
        ({"keys": "sin("}, "unreadable", "Could not read")]),
    # d/dx (4 - x^2/2 - y^2/4 + xy/3) = -x + y/3
    "partial derivative": (4, "\\frac{x y}{3}", [
        ({"keys": "-x+y/3"}, "right", ""), ({"keys": "(y-3x)/3"}, "right", ""), ({"keys": "-x"}, "wrong", ""),
        ({"keys": "-t+y/3"}, "unreadable", "Unknown symbol t")]),
    # grad (4 - x^2/2 - y^2/3 + xy/4) at (1, 1) = (-1 + 1/4, -2/3 + 1/4) = (-3/4, -5/12)
    "gradient": (4, "\\nabla f(1, 1)", [
        ({"keys": "(-3/4" + RIGHT + ",-5/12" + RIGHT + ")"}, "right", ""), ({"keys": "(-0.75,-5/12" + RIGHT + ")"}, "right", ""),
        ({"keys": "(-3/4" + RIGHT + ",5/12" + RIGHT + ")"}, "wrong", ""), ({"keys": "3"}, "unreadable", "(a, b)")]),
    # x^3/3 - x - y^3/3 + y at (1, -1): f_xx = 2 > 0, f_yy = 2, D = 4 > 0: a minimum
    "critical points": (6, "critical point at $(1, -1)$", [
        ({}, "unreadable", "Choose one"), ({"option": "minimum"}, "right", ""), ({"option": "saddle"}, "wrong", "")]),
    # x^2/2 + y^2 from (-1.7, 1.2), rate 0.4: (-1.7 - 0.4(-1.7), 1.2 - 0.4(2.4)) = (-1.02, 0.24)
    "descent step": (6, "\\frac{x^{2}}{2} + y^{2}$ from", [
        ({"keys": "(-1.02,0.24)"}, "right", ""), ({"keys": "(-51/50" + RIGHT + ",6/25" + RIGHT + ")"}, "right", ""),
        ({"keys": "(-1.7,1.2)"}, "wrong", ""), ({"keys": "1/0"}, "unreadable", "no finite value")]),
    # ∫_0^4 (x - 1)(x - 3) dx = [x^3/3 - 2x^2 + 3x]_0^4 = 64/3 - 32 + 12 = 4/3; ∫_1^∞ dx/x diverges
    "integral": (5, "\\int_{0}^{4} \\left(x", [
        ({"keys": "4/3"}, "right", ""), ({"keys": "1.33333"}, "right", ""), ({"keys": "-4/3"}, "wrong", ""),
        ({"option": "diverges"}, "wrong", ""), ({"keys": "x"}, "unreadable", "Unknown symbol x")]),
    "diverges": (5, "\\int_{1}^{\\infty} \\frac{1}{x}\\,dx", [({"option": "diverges"}, "right", ""), ({"keys": "1"}, "wrong", "")]),
}


def test_every_kind_of_exercise_of_the_course_is_tried_here():
    kinds = {p.kind for week in load_course().weeks for p in _problems(week.number)}
    covered = {_problems(w)[_number(w, words) - 1].kind for w, words, _ in CASES.values()}
    assert kinds == covered


@pytest.mark.parametrize("case", list(CASES))
def test_each_answer_gets_its_verdict_at_once_and_the_console_stays_clean(browser, site, case):
    week, words, tries = CASES[case]
    _open(browser, site, week)
    number = _number(week, words)
    for given, expected, message in tries:
        verdict, text = _answer(browser, number, **given)
        assert (verdict, message in text) == (expected, True), f"{case}: {given} gave {verdict}: {text!r}"
        assert len(text) < 100, "a short message"
    assert _severe(browser) == []


def test_show_the_steps_reveals_the_worked_solution(browser, site):
    from selenium.webdriver.common.by import By

    _open(browser, site, 3)
    number = _number(3, "x \\sin{\\left(2 x")
    item = browser.find_element(By.ID, f"problem-{number}")
    steps = item.find_element(By.CSS_SELECTOR, ".steps")
    assert not steps.is_displayed()
    item.find_element(By.CSS_SELECTOR, "button[data-action=steps]").click()
    assert steps.is_displayed() and "product rule" in steps.text and "chain rule, sine rule" in steps.text
    assert steps.find_elements(By.CSS_SELECTOR, ".katex") and not steps.find_elements(By.CSS_SELECTOR, ".katex-error")


def test_progress_stays_in_the_browser_and_shows_on_the_week_page(browser, site):
    _open(browser, site, 1)
    _answer(browser, _number(1, "\\frac{2 n + 1}{3 n - 2}"), keys="2/3")
    stored = json.loads(browser.execute_script("return localStorage.getItem('calcviz-practice-week1')"))
    assert stored["right"] == [_number(1, "\\frac{2 n + 1}{3 n - 2}")]
    _open(browser, site, 3)
    _answer(browser, _number(3, "\\sqrt{x}"), keys="2.025")
    _answer(browser, _number(3, "x \\sin{\\left(2 x"), keys="sin(2x)+2x*cos(2x)")
    browser.get((site / "index.html").as_uri())
    shown = browser.execute_script("return document.querySelector('.practice-progress[data-week=\"3\"]').textContent")
    assert shown == f"(2 of {len(_problems(3))} right)"
    assert browser.execute_script("return document.querySelector('a[href=\"week3/practice.html\"]') !== null")


def test_the_page_fits_a_phone_and_works_offline_from_disk(site):
    with tempfile.TemporaryDirectory() as profile:
        phone = chromium(Path(profile), width=390, height=844)
        try:
            phone.get((site / practice.practice_path(3)).as_uri())
            assert phone.execute_script("return document.body.dataset.ready") == "true"
            assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
            verdict, _ = _answer(phone, _number(3, "\\sqrt{x}"), keys="81/40")
            assert verdict == "right" and _severe(phone) == []
        finally:
            phone.quit()
    html = (site / practice.practice_path(3)).read_text()
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "every library is beside the page"
    assert "eval(" not in (site / "lib" / practice.SCRIPT_FILE).read_text()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy and "unsafe-inline" not in policy, \
        "the browser refuses eval and inline scripts on the page, and every verdict above was given under that policy"


def test_no_text_of_the_course_config_reaches_the_page(site):
    """The functions go to the page as sympy's TeX and as values at points, never as the text in course.toml."""
    html = (site / practice.practice_path(3)).read_text()
    for text in ("x*sin(2*x)", "x/(x^2 + 1)", "log(x^2 + 1)"):
        assert text not in html
