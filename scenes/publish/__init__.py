"""Publishing a week of clips: one lecture video with chapters and captions,
thumbnails, a manifest and a course page (``make publish-weekN``), and a
manim-slides presentation for class (``make slides-weekN``).

    python -m scenes publish WEEK [--quality Q]
    python -m scenes slides render SCENE [--quality Q] [--output FILE]
    python -m scenes slides build WEEK [--quality Q]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scenes.course import ROOT, load_course
from scenes.publish.week import PublishError, publish_week

__all__ = ["PublishError", "main", "publish_week"]


def main(argv: list[str]) -> int:
    import argparse

    from scenes.publish.chapters import too_few_chapters, youtube_timestamp
    from scenes.render import QUALITIES

    parser = argparse.ArgumentParser(prog="python -m scenes publish", description="Publish one week of the course.")
    parser.add_argument("week", type=int)
    parser.add_argument("--quality", choices=QUALITIES, default="high")
    parser.add_argument("--renders", type=Path, default=ROOT / "renders", help="the folder holding <quality>/weekN/")
    args = parser.parse_args(argv)
    manifest = publish_week(load_course(), args.week, args.quality, args.renders)
    week = next(w for w in manifest["weeks"] if w["number"] == args.week)
    lecture = week["lecture"]
    folder = Path(os.path.relpath(args.renders / args.quality))
    print(f"{folder / lecture['file']}: {youtube_timestamp(lecture['duration'])}, {len(lecture['chapters'])} chapters, "
          f"{len(week['clips'])} clips")
    print(f"{folder / 'index.html'}: the course page, {len(manifest['weeks'])} published week(s)")
    warning = too_few_chapters(args.week, len(lecture["chapters"]))
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return 0
