"""The course page (``index.html``): every published week and clip, opened straight from disk.

No server, no network: relative paths, inline CSS and script. Browsers
refuse to load a ``<track>`` file from a ``file://`` page (Chromium treats
each local file as its own origin), so each captions track carries its
WebVTT inline as a ``data:`` URL; the ``.vtt`` and ``.srt`` files are linked
for download beside it.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from scenes.kit import palette
from scenes.publish import logo, panel_assets
from scenes.publish.chapters import youtube_timestamp
from scenes.publish.scorm import GLUE

STYLE = ":root { " + palette.css_variables() + " }" + """
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }
header, main { max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
header h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
header .logo { float: right; max-width: 25%; height: 48px; width: auto; margin-left: 1rem; }
.muted, header p { color: var(--muted); }
a { color: var(--accent); }
.week { border-top: 1px solid var(--rule); padding-top: 1rem; margin-bottom: 2.5rem; }
.lecture { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 1.25rem; align-items: start; }
video { width: 100%; aspect-ratio: 16 / 9; background: var(--bg); border-radius: 6px; }  /* the clips' own background: no flash when one loads */
.chapters { padding-left: 0; list-style: none; margin: .5rem 0; }
.chapters li { margin: .2rem 0; }
.chapters button { font: inherit; color: var(--accent); background: none; border: 0; padding: 0 .5rem 0 0; cursor: pointer;
  font-variant-numeric: tabular-nums; }
.clips { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 1rem; }
.clip { background: var(--card); border-radius: 8px; padding: .75rem; }
.clip h4 { margin: .5rem 0 .2rem; }
.clip.with-panel { grid-column: 1 / -1; display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 0 1.25rem;
  align-content: start; }
.clip.with-panel > * { grid-column: 1; }
.clip.with-panel > .panel { grid-column: 2; grid-row: 1 / span 4; }
@media (max-width: 800px) { .clip.with-panel { grid-template-columns: 1fr; } .clip.with-panel > .panel { grid-column: 1; grid-row: auto; margin-top: .75rem; } }
details summary { cursor: pointer; color: var(--muted); }
@media (max-width: 800px) { .lecture { grid-template-columns: 1fr; } }
"""

SCRIPT = """
document.querySelectorAll(".practice-progress").forEach(function (span) {  // what practice.html stored
  var progress = null;
  try { progress = JSON.parse(localStorage.getItem("calcviz-practice-week" + span.dataset.week)); } catch (e) {}
  span.textContent = progress && progress.total ? "(" + (progress.right || []).length + " of " + progress.total + " right)" : "(not started)";
});
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-time]");
  if (!button) return;
  var video = document.getElementById(button.dataset.video);
  video.currentTime = parseFloat(button.dataset.time);
  video.play();
});
"""


def index_html(manifest: dict, quality_folder: Path, base: str = "") -> str:
    """The page of every week in ``manifest``; ``base`` ("../") when it lives in a week's folder (paths stay relative)."""
    weeks = "".join(_week(week, quality_folder) for week in manifest["weeks"])
    if not weeks:
        weeks = "<p class=muted>No week has been published yet (<code>make publish</code>).</p>"
    panels = [clip["panel"] for week in manifest["weeks"] for clip in week["clips"] if clip.get("panel")]
    scripts = panel_assets.script_tags([p["file"] for p in panels], any(p["three_d"] for p in panels)) if panels else ""
    head = (f'<base href="{escape(base)}">\n' if base else "") + (panel_assets.head_tags() if panels else "")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(manifest["series"])}</title>
{head}<style>{STYLE}{panel_assets.STYLE if panels else ""}</style>
</head>
<body>
<header>
{_logo()}<h1>{escape(manifest["series"])}</h1>
<p>Lecture videos ({escape(manifest["quality"])} quality) with captions and chapters. <a href="manifest.json">manifest.json</a></p>
</header>
<main>
{weeks}</main>
<script>{SCRIPT}</script>
<script src="{GLUE}"></script>
{scripts}</body>
</html>
"""


def _logo() -> str:
    """The course logo (``[theme] logo``) in the header's right corner, inline: the page works from disk."""
    if palette.LOGO is None:
        return ""
    return f'<img class="logo" src="{logo.data_url(palette.LOGO)}" alt="" height="48">\n'


def _week(week: dict, folder: Path) -> str:
    lecture = week["lecture"]
    video_id = f"week{week['number']}-lecture"
    links = [
        _link(lecture["file"], "MP4"),
        _link(lecture["captions"]["srt"], "captions .srt"),
        _link(lecture["captions"]["vtt"], "captions .vtt"),
        _link(lecture["chapters_text"], "chapter list"),
    ]
    if lecture.get("transcript"):
        links.append(_link(lecture["transcript"], "transcript"))
    if week.get("slides"):
        links.append(_link(week["slides"], "slides"))
    if week.get("page"):
        links.append(_link(week["page"], "this week's page"))
    if week.get("practice"):  # the week's exercises (scenes/publish/practice.py); progress from this browser
        links.append(f'{_link(week["practice"], "practice")} <span class="practice-progress" data-week="{week["number"]}"></span>')
    chapters = _chapter_list(lecture["chapters"], video_id)
    clips = "".join(_clip(clip, folder, week["number"]) for clip in week["clips"])
    return f"""<section class="week" id="week{week['number']}">
<h2>Week {week['number']}: {escape(week['title'])}</h2>
<div class="lecture">
{_video(video_id, lecture, folder)}
<div>
<p><strong>Full lecture</strong> · <span class="duration">{youtube_timestamp(lecture['duration'])}</span></p>
<p>{' · '.join(links)}</p>
<h3>Chapters</h3>
{chapters}
</div>
</div>
<h3>Clips</h3>
<div class="clips">
{clips}</div>
</section>
"""


def _clip(clip: dict, folder: Path, week_number: int) -> str:
    video_id = f"week{week_number}-{clip['scene']}"
    panel = panel_assets.panel_div(clip["scene"]) + "\n" if clip.get("panel") else ""
    return f"""<article class="clip{' with-panel' if panel else ''}">
{_video(video_id, clip, folder)}
<h4>{escape(clip['title'])}</h4>
<p class="muted"><span class="duration">{youtube_timestamp(clip['duration'])}</span> · {_link(clip['file'], 'MP4')} · {_link(clip['captions']['srt'], '.srt')} · {_link(clip['captions']['vtt'], '.vtt')}</p>
<details><summary>{len(clip['chapters'])} beats</summary>
{_chapter_list(clip['chapters'], video_id)}
</details>
{_transcript(clip, folder)}{panel}</article>
"""


def _transcript(clip: dict, folder: Path) -> str:
    """The clip's transcript, folded under its video: each beat's heading and what is said in it."""
    path = folder / clip.get("transcript", "")
    if not clip.get("transcript") or not path.is_file():
        return ""
    blocks = path.read_text(encoding="utf-8").split("\n\n")[1:]  # the first block is the clip's title, shown above
    sections = "".join(f"<h5>{escape(heading)}</h5>\n<p>{escape(text)}</p>\n"
                       for heading, _, text in (block.strip().partition("\n") for block in blocks if block.strip()))
    return (f'<details class="transcript"><summary>Transcript</summary>\n{sections}'
            f'<p>{_link(clip["transcript"], "transcript as text")}</p>\n</details>\n')


def _video(video_id: str, entry: dict, folder: Path) -> str:
    captions = folder / entry["captions"]["vtt"]
    track = ("data:text/vtt;base64," + base64.b64encode(captions.read_bytes()).decode("ascii")) if captions.exists() else entry["captions"]["vtt"]
    return (
        f'<video id="{escape(video_id)}" controls preload="metadata" poster="{escape(entry["thumbnail"])}" '
        f'data-duration="{entry["duration"]}">\n'
        f'<source src="{escape(entry["file"])}" type="video/mp4">\n'
        f'<track kind="captions" srclang="en" label="English" default src="{track}" data-file="{escape(entry["captions"]["vtt"])}">\n'
        "</video>"
    )


def _chapter_list(chapters: list[dict], video_id: str) -> str:
    items = "".join(
        f'<li><button type="button" data-video="{escape(video_id)}" data-time="{c["start"]}">{youtube_timestamp(c["start"])}</button>'
        f"{escape(c['title'])}</li>\n"
        for c in chapters
    )
    return f'<ol class="chapters">\n{items}</ol>'


def _link(path: str, label: str) -> str:
    return f'<a href="{escape(path)}">{escape(label)}</a>'
