"""The SCORM package as a learning platform takes it: `make scorm QUALITY=tiny` on the suite's one publication of
week 3, unpacked; its manifest validated against the XSDs shipped in it (lxml); every file the pages load inside the
zip; then each SCO served from 127.0.0.1 (nothing from the network) in a frame of a page that runs scorm-again,
the SCORM runtime several platforms use, as a platform does: the lecture played muted past 90% completes it,
seeking to the end does not, a practice answer is its score, and a second launch resumes where the first stopped."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import tempfile
import threading
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from scenes.course import ROOT
from tests.test_practice import _answer, _number, _problems
from tests.test_publish import chromium, local_urls, network_urls, once_per_run, publish_week3_once

RUNTIME = ROOT / ".venv" / "share" / "scorm-again" / "dist"  # pinned by scripts/bootstrap.sh
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_v1p3}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
SCHEMA_FILES = {"imsmanifest.xml", "scorm-schemas-LICENSE.txt"}
FAST = 16  # the fastest playbackRate Chromium plays
SERVED = (200, 206, 304)  # whole, a range (the video), not modified


# ------------------------------------------------------------------ the package
def _make_scorm(folder: Path, published: Path) -> dict:
    project = published.parent.parent
    started = time.perf_counter()
    # NARRATION as the publication had it: make keeps a stamp of it, and another would make the clips stale for the other tests
    result = subprocess.run(["make", "scorm", "QUALITY=tiny", "NARRATION=fake"], cwd=project, capture_output=True, text=True, timeout=600,
                            check=False)
    return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr[-3000:], "seconds": time.perf_counter() - started}


@pytest.fixture(scope="module")
def package(tmp_path_factory, worker_id) -> tuple[Path, Path]:
    """(the zip `make scorm` wrote, the folder it was unpacked into)."""
    published = publish_week3_once(tmp_path_factory, worker_id)
    _, result = once_per_run(tmp_path_factory, worker_id, "scorm-week3", lambda folder: _make_scorm(folder, published))
    assert result["returncode"] == 0, result["stderr"]
    assert "course-scorm.zip: SCORM 2004 4th edition, 1 SCO(s) (week 3)" in result["stdout"], result["stdout"]
    archive = published / "course-scorm.zip"
    unpacked = tmp_path_factory.mktemp("scorm-unpacked")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(unpacked)
    return archive, unpacked


def _manifest(unpacked: Path):
    from lxml import etree

    return etree.parse(str(unpacked / "imsmanifest.xml"))


def test_the_manifest_validates_against_the_scorm_2004_schemas_shipped_in_the_package(package):
    from lxml import etree

    _, unpacked = package
    manifest = _manifest(unpacked)
    locations = manifest.getroot().get(f"{XSI}schemaLocation").split()
    pairs = dict(zip(locations[::2], locations[1::2]))
    assert set(pairs.values()) >= {"imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd", "imsss_v1p0.xsd"}
    for schema in pairs.values():
        assert (unpacked / schema).is_file(), f"{schema} is not shipped at the package's root"
    # one schema importing every namespace the manifest names, each from the file shipped beside it
    imports = "".join(f'<xs:import namespace="{uri}" schemaLocation="{(unpacked / name).as_uri()}"/>' for uri, name in pairs.items())
    wrapper = unpacked.parent / f"{unpacked.name}-all.xsd"
    wrapper.write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>')
    schema = etree.XMLSchema(etree.parse(str(wrapper)))
    assert schema.validate(manifest), schema.error_log
    # and what validation cannot see: a bad manifest is refused (the check can fail)
    broken = etree.fromstring(etree.tostring(manifest))
    broken.find(f".//{CP}resource").set(f"{ADLCP}scormType", "lesson")
    assert not schema.validate(broken)
    assert "MIT License" in (unpacked / "scorm-schemas-LICENSE.txt").read_text(), "the schemas' package licence travels with them"


def test_one_sco_per_published_week_completed_by_90_percent_of_its_lecture(package):
    _, unpacked = package
    root = _manifest(unpacked).getroot()
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "2004 4th Edition"
    items = root.findall(f".//{CP}organization/{CP}item")
    published = json.loads((unpacked / "manifest.json").read_text())
    assert [i.findtext(f"{CP}title") for i in items] == [f"Week {w['number']}: {w['title']}" for w in published["weeks"]]
    resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
    for item, week in zip(items, published["weeks"]):
        threshold = item.find(f"{ADLCP}completionThreshold")
        assert threshold.get("completedByMeasure") == "true" and float(threshold.get("minProgressMeasure")) == 0.9
        sco = resources[item.get("identifierref")]
        assert sco.get(f"{ADLCP}scormType") == "sco" and sco.get("href") == week["page"]
        files = {f.get("href") for f in sco.iter(f"{CP}file")}
        expected = {week["page"], week["lecture"]["file"], week["practice"]} | {c["file"] for c in week["clips"]} \
            | {c["panel"]["file"] for c in week["clips"]}
        assert expected <= files, expected - files


def _css_urls(path: Path) -> list[list[str]]:
    """Each declaration's url()s, data: URLs aside: a @font-face's src lists one font in several formats."""
    found = []
    for declaration in re.findall(r"[:,]\s*(url\([^;}]+)", path.read_text(errors="replace")):
        urls = [u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", declaration) if not u.startswith("data:")]
        found += [urls] if urls else []
    return found


def test_every_file_the_pages_load_is_inside_the_package_and_listed(package):
    archive, unpacked = package
    root = _manifest(unpacked).getroot()
    listed = {f.get("href") for f in root.iter(f"{CP}file")}
    with zipfile.ZipFile(archive) as opened:
        inside = set(opened.namelist())
    assert listed <= inside, sorted(listed - inside)[:5]
    unlisted = {name for name in inside - listed if name not in SCHEMA_FILES and not name.endswith((".xsd", ".dtd"))}
    assert unlisted == set(), sorted(unlisted)[:5]
    pages = [name for name in inside if name.endswith(".html")]
    assert {"index.html", "week3/index.html", "week3/practice.html"} <= set(pages)
    for page in pages:
        html = (unpacked / page).read_text()
        assert network_urls(html) == [], page
        base = re.search(r'<base href="([^"]+)"', html)
        page_url = urljoin(f"http://package/{page}", base.group(1) if base else "")
        for url in local_urls(html):
            if base and url == base.group(1):
                continue  # the <base> itself
            target = urlparse(urljoin(page_url, url)).path.lstrip("/")
            assert target in inside, f"{page} links to {url}, not in the package"
    for sheet in [name for name in inside if name.endswith(".css")]:
        for urls in _css_urls(unpacked / sheet):  # a font's formats are alternatives: one of them is enough
            assert any(urlparse(urljoin(f"http://package/{sheet}", url)).path.lstrip("/") in inside for url in urls), f"{sheet}: {urls}"


def test_scorm_without_a_publication_says_what_to_run(tmp_path):
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "scenes", "scorm", "--quality", "tiny", "--renders", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: no week is published at QUALITY=tiny ({tmp_path / 'tiny' / 'manifest.json'} is missing): "
        "run `make publish QUALITY=tiny` (or publish-weekN) first"]


# ------------------------------------------------------------------ in a learning platform
LMS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A learning platform</title><link rel="icon" href="data:,">
<script src="/runtime/scorm2004.min.js"></script></head>
<body>
<iframe id="sco" name="sco" title="the SCO" style="width: 1200px; height: 900px"></iframe>
<script>
// What a platform keeps of each session: the runtime's values at the SCO's last Commit (read through the API,
// so completion is evaluated against the threshold as the platform would), and its data for the next launch.
var sessions = [];
var ELEMENTS = ["cmi.completion_status", "cmi.progress_measure", "cmi.location", "cmi.suspend_data",
                "cmi.score.raw", "cmi.score.min", "cmi.score.max", "cmi.score.scaled", "cmi.entry"];
function launch(href, threshold, previous) {
  var api = new Scorm2004API({logLevel: 5, autocommit: false});
  var session = {initialized: false, terminated: false, commits: 0, values: {}};
  if (previous) api.loadFromJSON(previous.cmi);
  api.cmi.completion_threshold = threshold;
  api.cmi.entry = previous && previous.cmi.exit === "suspend" ? "resume" : "ab-initio";
  api.on("Initialize", function () { session.initialized = true; });
  api.on("Commit", function () {
    session.commits += 1;
    ELEMENTS.forEach(function (name) { session.values[name] = api.GetValue(name); });
    session.cmi = JSON.parse(JSON.stringify(api.cmi));
  });
  api.on("Terminate", function () { session.terminated = true; });
  sessions.push(session);
  window.API_1484_11 = api;
  document.getElementById("sco").src = href;
}
function end() { document.getElementById("sco").src = "about:blank"; }  // the SCO's page goes: pagehide
</script>
</body></html>
"""


@contextmanager
def platform(package_folder: Path):
    """An HTTP server on 127.0.0.1 serving the unpacked package, scorm-again and the platform's page (with Range
    requests, as a video needs: tornado's static files); yields (its URL, the requests it answered)."""
    from tornado.httpserver import HTTPServer
    from tornado.netutil import bind_sockets
    from tornado.web import Application, RequestHandler, StaticFileHandler

    class Page(RequestHandler):
        def get(self):
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.write(LMS_PAGE)

    answered: list[tuple[int, str]] = []
    app = Application([(r"/lms/", Page), (r"/package/(.*)", StaticFileHandler, {"path": str(package_folder)}),
                       (r"/runtime/(.*)", StaticFileHandler, {"path": str(RUNTIME)})],
                      log_function=lambda handler: answered.append((handler.get_status(), handler.request.uri)))
    sockets = bind_sockets(0, "127.0.0.1")
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def run():
        asyncio.set_event_loop(loop)
        HTTPServer(app).add_sockets(sockets)
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield f"http://127.0.0.1:{sockets[0].getsockname()[1]}", answered
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        for sock in sockets:
            sock.close()


@contextmanager
def browser_offline():
    """Headless Chromium that can reach 127.0.0.1 only, and may start a muted video without a click."""
    with tempfile.TemporaryDirectory() as profile:
        session = chromium(Path(profile), width=1280, height=1000,
                           flags=("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--autoplay-policy=no-user-gesture-required"))
        try:
            yield session
        finally:
            session.quit()


def _launch(browser, sco: str, previous: dict | None = None) -> None:
    """Launch the SCO at URL ``sco`` in the platform's frame (``previous``: the session to resume) and wait for it."""
    browser.switch_to.default_content()
    browser.execute_script("launch(arguments[0], arguments[1], arguments[2])", sco, "0.9", previous)
    _wait(browser, "return sessions[sessions.length - 1].initialized", f"the SCO {sco} initialised the runtime")
    browser.switch_to.frame("sco")
    _wait(browser, "const v = document.querySelector('video[id$=-lecture]'); return v && v.readyState >= 1", "the lecture loaded")


def _end(browser) -> dict:
    """Close the SCO as a platform does (its frame navigates away) and return what the platform kept of it."""
    browser.switch_to.default_content()
    browser.execute_script("end()")
    _wait(browser, "return sessions[sessions.length - 1].terminated", "the SCO terminated on pagehide")
    return browser.execute_script("return sessions[sessions.length - 1]")


def _wait(browser, script: str, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not browser.execute_script(script):
        assert time.monotonic() < deadline, f"timed out: {what}"
        time.sleep(0.1)


PLAY_UNTIL = """
const done = arguments[arguments.length - 1];
const video = document.querySelector("video[id$=-lecture]");
const until = arguments[0];
video.muted = true;
video.playbackRate = arguments[1];
const started = Date.now();
(function poll() {
  if (video.currentTime >= until || video.ended || video.error || Date.now() - started > 110000) {
    video.pause();
    done({time: video.currentTime, ended: video.ended, error: video.error ? video.error.code : null});
  } else setTimeout(poll, 50);
})();
video.play().catch(error => done({error: String(error)}));
"""

SEEK_TO = """
const done = arguments[arguments.length - 1];
const video = document.querySelector("video[id$=-lecture]");
video.addEventListener("seeked", () => done(video.currentTime), {once: true});
video.currentTime = arguments[0];
"""


def test_a_sco_in_a_platform_completes_scores_and_resumes(package):
    _, unpacked = package
    root = _manifest(unpacked).getroot()
    sco = next(r for r in root.iter(f"{CP}resource") if r.get(f"{ADLCP}scormType") == "sco")
    week = json.loads((unpacked / "manifest.json").read_text())["weeks"][0]
    duration = week["lecture"]["duration"]
    with platform(unpacked) as (server, answered), browser_offline() as browser:
        lms = f"{server}/lms/"
        launch = f"{server}/package/{sco.get('href')}"
        browser.get(lms)
        _launch(browser, launch)
        assert browser.execute_script("return document.documentElement.dataset.lms") == "connected"
        played = browser.execute_async_script(PLAY_UNTIL, 0.93 * duration, FAST)
        assert played.get("error") is None and played["time"] >= 0.93 * duration, played
        paused_at = played["time"]
        # the week's practice, opened from its link inside the SCO; one item answered right through the page
        browser.find_element("css selector", 'section.week a[href$="practice.html"]').click()
        _wait(browser, "return document.querySelector('iframe.practice') !== null", "the practice opens inside the SCO")
        browser.switch_to.frame(browser.find_element("css selector", "iframe.practice"))
        _wait(browser, "return document.body && document.body.dataset.ready === 'true'", "the practice page is ready")
        problems = len(browser.find_elements("css selector", "li.problem"))
        verdict, _ = _answer(browser, _number(3, "\\sqrt{x}"), keys="2.025")  # sqrt(4.1) ~ 2 + 0.1/4
        assert verdict == "right"
        browser.switch_to.parent_frame()
        first = _end(browser)
        values = first["values"]
        assert first["commits"] >= 2, "committed on pause and on the practice answer, then on pagehide"
        assert values["cmi.completion_status"] == "completed", values
        assert float(values["cmi.progress_measure"]) >= 0.9, values
        assert float(values["cmi.score.raw"]) == 1 and float(values["cmi.score.max"]) == problems == len(_problems(3)), values
        assert float(values["cmi.score.scaled"]) == pytest.approx(1 / problems, abs=1e-4)
        assert abs(float(values["cmi.location"]) - paused_at) <= 0.2, (values["cmi.location"], paused_at)
        assert first["cmi"]["exit"] == "suspend", "cmi.exit (write-only) as the runtime holds it"

        # a second launch with what the platform kept: the lecture where the student stopped, still completed
        _launch(browser, launch, first)
        _wait(browser, "const v = document.querySelector('video[id$=-lecture]'); return v.currentTime > 1", "the lecture resumes")
        resumed = browser.execute_script("return document.querySelector('video[id$=-lecture]').currentTime")
        assert abs(resumed - float(values["cmi.location"])) <= 0.5, (resumed, values["cmi.location"])
        second = _end(browser)
        assert second["values"]["cmi.entry"] == "resume"
        assert second["values"]["cmi.completion_status"] == "completed"
        assert float(second["values"]["cmi.score.raw"]) == 1
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    assert answered and all(status in SERVED for status, _ in answered), [a for a in answered if a[0] not in SERVED]
    assert any(uri.endswith(week["lecture"]["file"]) for _, uri in answered)


def test_seeking_to_the_end_of_the_lecture_does_not_complete_it(package):
    """A student who drags the lecture to its end and lets the last second play has watched a second, not 90%."""
    _, unpacked = package
    week = json.loads((unpacked / "manifest.json").read_text())["weeks"][0]
    duration = week["lecture"]["duration"]
    with platform(unpacked) as (server, answered), browser_offline() as browser:
        browser.get(f"{server}/lms/")
        _launch(browser, f"{server}/package/{week['page']}")
        browser.execute_async_script(SEEK_TO, duration - 1.0)
        played = browser.execute_async_script(PLAY_UNTIL, duration, 1)
        skipped = _end(browser)["values"]
    assert played.get("error") is None and played["time"] >= duration - 0.5, played  # the last second did play
    assert skipped["cmi.completion_status"] == "incomplete", skipped
    assert float(skipped["cmi.progress_measure"]) < 0.05, skipped
    assert float(skipped["cmi.location"]) >= duration - 1.5, skipped
    assert all(status in SERVED for status, _ in answered)


def test_without_a_platform_the_glue_leaves_the_page_alone(package):
    """Opened from disk, no API is found: the glue leaves the page alone and the practice link is a link."""
    _, unpacked = package
    with browser_offline() as browser:
        browser.get((unpacked / "week3" / "index.html").as_uri())
        assert browser.execute_script("return document.documentElement.dataset.lms") == "none"
        browser.find_element("css selector", 'section.week a[href$="practice.html"]').click()
        _wait(browser, "return location.pathname.endsWith('/week3/practice.html')", "the practice link navigates")
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
