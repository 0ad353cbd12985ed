"""`make -j2 all publish`: two weeks rendered and published at once share manifest.json and
index.html without corrupting them; running it again does nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from scenes.course import ROOT, load_course
from tests.test_publish import _copy_project

WEEKS = {3: "SecantToTangent", 5: "AreaAccumulation"}  # one short scene each


def one_scene_per_week(text: str) -> str:
    """The course with only WEEKS' scenes (other weeks keep their titles but no scenes)."""
    weeks = text.split("[[weeks]]")
    kept = [weeks[0]]
    for week in weeks[1:]:
        parts = week.split("[[weeks.scenes]]")
        number = int(parts[0].split("number = ")[1].split()[0])
        scene = WEEKS.get(number)
        kept.append("[[weeks.scenes]]".join([parts[0]] + [p for p in parts[1:] if scene and f'scene = "{scene}"' in p]))
    return "[[weeks]]".join(kept)


def test_two_weeks_published_in_parallel(tmp_path):
    project = _copy_project(tmp_path / "project")
    course = project / "course.toml"
    course.write_text(one_scene_per_week(course.read_text()))
    assert [(w.number, [s.name for s in w.scenes]) for w in load_course(course).weeks if w.scenes] == \
        [(3, [WEEKS[3]]), (5, [WEEKS[5]])]
    env = dict(os.environ, CALCVIZ_TEX_CACHE=str(tmp_path / "tex"))
    result = subprocess.run(["make", "-j2", "all", "publish", "QUALITY=tiny"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]

    folder = project / "renders" / "tiny"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [w["number"] for w in manifest["weeks"]] == [3, 5], "both weeks, in course order"
    for week in manifest["weeks"]:
        assert [c["scene"] for c in week["clips"]] == [WEEKS[week["number"]]]
        assert (folder / week["lecture"]["file"]).stat().st_size == week["lecture"]["size"]
    page = (folder / "index.html").read_text()
    assert page.rstrip().endswith("</html>")
    assert all(f'week{n}/week{n}.mp4' in page for n in WEEKS)
    assert not list(folder.rglob("*.tmp")) and not list(folder.rglob(".publish.work"))

    made = [p for p in (project / "renders").rglob("*") if p.is_file()]
    stamp = time.time_ns() - 10**9  # one explicit time for all that was made: none is newer than another (so make
    for path in made:              # has nothing to do), and a file written again now would show a later one
        os.utime(path, ns=(stamp, stamp))
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    again = subprocess.run(["make", "-j2", "all", "publish", "QUALITY=tiny"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-3000:]
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} == before, "nothing to do the second time"


def test_concurrent_refreshes_never_leave_a_broken_manifest(tmp_path):
    """Many processes rewriting the shared files at once (under the lock): every read sees a whole file."""
    folder = tmp_path / "tiny"
    course = load_course()
    for number in (3, 5):
        record = folder / f"week{number}" / f"week{number}.json"
        record.parent.mkdir(parents=True)
        record.write_text(json.dumps(_fake_record(number)))
    script = ("import sys; from pathlib import Path; from scenes.course import load_course; from scenes.publish.site import refresh\n"
              "course = load_course()\n"
              "for _ in range(25): refresh(course, 'tiny', Path(sys.argv[1]))\n")
    writers = [subprocess.Popen([sys.executable, "-c", script, str(folder)], cwd=ROOT) for _ in range(3)]
    reads = 0
    while any(w.poll() is None for w in writers):
        manifest, page = folder / "manifest.json", folder / "index.html"
        if manifest.exists() and page.exists():  # the first refresh writes the manifest, then the page
            assert [w["number"] for w in json.loads(manifest.read_text())["weeks"]] == [3, 5]
            assert page.read_text().rstrip().endswith("</html>")
            reads += 1
    assert all(w.returncode == 0 for w in writers) and reads > 0
    assert course.title in (folder / "index.html").read_text()


def _fake_record(number: int) -> dict:
    where = f"week{number}/"
    lecture = {"title": f"Week {number}", "file": f"{where}week{number}.mp4", "duration": 60.0, "size": 1, "sha256": "0" * 64,
               "width": 320, "height": 180, "fps": 5.0, "captions": {"srt": f"{where}week{number}.srt", "vtt": f"{where}week{number}.vtt",
                                                                      "language": "en"},
               "thumbnail": f"{where}week{number}.png", "chapters": [{"title": "A", "scene": "A", "start": 0.0, "end": 60.0}],
               "chapters_text": f"{where}week{number}-chapters.txt", "title_card": 4.0}
    return {"number": number, "title": f"Week {number}", "published": "2026-01-01T00:00:00Z", "lecture": lecture, "clips": []}
