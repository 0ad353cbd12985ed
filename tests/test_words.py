"""The instructor's own words (narration/weekN/text.tsv): read, checked, spoken sentence by sentence,
reverted, recordings of an older text reported, and only the edited scene's clip rendered again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from scenes.narration import script, words
from scenes.narration.narrator import Narrator
from tests.test_make import fake_clips, planned_renders, project  # noqa: F401  (the copied project fixture)
from tests.test_narration import click_recording

ROOT = Path(__file__).resolve().parent.parent
WEEK3 = ["SecantToTangent", "DerivativeAsFunction", "LinearApproximation", "ExtremaAndConvexity", "DifferentiationDrill"]
SECANT = "SecantToTangent-02-a-secant"


def text_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "text.tsv"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# ------------------------------------------------------------------ reading the file
def test_lines_are_read_by_id_in_either_column_layout_skipping_comments(tmp_path):
    path = text_file(tmp_path,
                     "# my words for week 3",
                     "",
                     f"{SECANT}\tThe line through   both points is a chord.",
                     "SecantToTangent-03-shrinking-h\tSecantToTangent\tLet $h$ shrink. The slope settles.")
    lines = words.read(path, WEEK3)
    assert sorted(lines) == [SECANT, "SecantToTangent-03-shrinking-h"]
    assert lines[SECANT].text == "The line through both points is a chord."
    assert lines[SECANT].number == 3
    assert lines["SecantToTangent-03-shrinking-h"].text == "Let $h$ shrink. The slope settles."


def test_a_spreadsheets_byte_order_mark_and_line_ends_are_not_part_of_the_text(tmp_path):
    path = tmp_path / "text.tsv"
    path.write_bytes(f"\ufeff{SECANT}\tA chord.\r\n".encode("utf-8"))
    assert words.read(path, WEEK3)[SECANT].text == "A chord."


def test_no_file_edits_nothing(tmp_path):
    assert words.read(tmp_path / "text.tsv", WEEK3) == {}


@pytest.mark.parametrize("line, problem", [
    ("Nonsense-02-a-secant\tHello.", r"line 2 \(Nonsense-02-a-secant\): names no beat of this week"),
    ("a secant\tHello.", r"line 2 \(a secant\): names no beat"),
    (f"{SECANT}\t   ", rf"line 2 \({SECANT}\): empty text"),
    (f"{SECANT}\tIts slope is $h over the run.", rf"line 2 \({SECANT}\): unbalanced \$"),
    (f"{SECANT}\tIts slope is $$ here.", rf"line 2 \({SECANT}\): empty math"),
    (f"{SECANT}\tDerivativeAsFunction\tHello.", r"the scene column says 'DerivativeAsFunction', the id names SecantToTangent"),
    ("just text without a tab", r"line 2 \(no id\)|line 2: expected a beat id, a tab and the text"),
])
def test_a_bad_line_is_one_error_naming_file_line_and_id(tmp_path, line, problem):
    path = text_file(tmp_path, "# comment", line)
    with pytest.raises(words.WordsError, match=problem) as caught:
        words.read(path, WEEK3)
    message = str(caught.value)
    assert message.startswith(f"{path}, line 2")
    assert "\n" not in message


def test_a_beat_named_twice_names_both_lines(tmp_path):
    path = text_file(tmp_path, f"{SECANT}\tOne.", "SecantToTangent-03-shrinking-h\tTwo.", f"{SECANT}\tThree.")
    with pytest.raises(words.WordsError, match=rf"line 3 \({SECANT}\): beat repeated \(line 1 names it too\)"):
        words.read(path, WEEK3)


# ------------------------------------------------------------------ against the scene's beat
def line(text: str) -> words.Line:
    return words.Line(Path("narration/week3/text.tsv"), 4, SECANT, text)


def test_a_sentence_led_beat_needs_as_many_sentences_as_it_has():
    scene = ["The line through both points is a secant.", "Its slope is rise over run."]
    words.check_beat(line("A chord joins both points. Its slope: rise over run."), scene, sentence_led=True)
    with pytest.raises(words.WordsError) as caught:
        words.check_beat(line("A chord joins both points, with slope rise over run."), scene, sentence_led=True)
    assert str(caught.value).startswith(f"narration/week3/text.tsv, line 4 ({SECANT}): 1 sentence(s), the beat has 2")
    assert "1. The line through both points is a secant. | 2. Its slope is rise over run." in str(caught.value)
    words.check_beat(line("A chord joins both points, with slope rise over run."), scene, sentence_led=False)


def test_a_text_over_three_times_the_scenes_spoken_length_is_refused():
    scene = ["Its slope is $h$."]  # spoken: "Its slope is h.", 15 characters
    words.check_beat(line("A" * 44 + "."), scene, sentence_led=True)  # 45: three times
    with pytest.raises(words.WordsError, match=rf"text.tsv, line 4 \({SECANT}\): too long for the beat: "
                                               r"46 characters spoken, over 3x the scene's 15"):
        words.check_beat(line("A" * 45 + "."), scene, sentence_led=True)


def test_math_counts_as_its_spoken_words():
    scene = ["Its slope is $\\frac{\\partial f}{\\partial x}$."]  # shown in 19 characters, spoken in many more
    words.check_beat(line("Here the slope, the partial derivative of f with respect to x, is what we want to know, "
                          "again and again and again."), scene, sentence_led=True)


# ------------------------------------------------------------------ while a scene is told
def told(narrator: Narrator, beat_name: str = "A secant") -> list[str]:
    """Tell the secant beat as the scene does: two say() calls, the first of two sentences."""
    narrator.start("The curve", "Here is a curve.", 0.0)
    beat = narrator.start(beat_name, None, 5.0)
    narrator.say(beat, "The line through both points is a secant. It cuts the curve twice.", 5.0)
    narrator.say(beat, "Its slope is rise over run: $\\frac{f(a+h) - f(a)}{h}$.", 9.0)
    narrator.close(beat)
    return [text.replace("\u00a0", " ") for text, _, _ in beat.sentences]  # a formula's no-break spaces as spaces


def edits(text: str) -> dict[str, words.Line]:
    return {SECANT: words.Line(Path("text.tsv"), 1, SECANT, text)}


def test_each_edited_sentence_replaces_the_scenes_sentence_in_its_say():
    narrator = Narrator("SecantToTangent", 3, "off", edits=edits(
        "A chord joins both points. It meets the curve twice. Its slope is $\\frac{\\Delta y}{h}$."))
    said = told(narrator)
    assert said == ["A chord joins both points.", "It meets the curve twice.", "Its slope is Δy/h."]
    second = narrator.beats[1]
    assert [round(at, 3) for at, _ in second.pieces] == [5.0, 9.0], "the third sentence starts with the second say"
    assert second.text == "A chord joins both points. It meets the curve twice. Its slope is $\\frac{\\Delta y}{h}$."
    assert narrator.beats[0].text == "Here is a curve.", "a beat without a line keeps the scene's text"


@pytest.mark.parametrize("text, count", [("One chord. Two.", 2), ("One. Two. Three. Four.", 4)])
def test_a_wrong_number_of_sentences_stops_the_beat(text, count):
    narrator = Narrator("SecantToTangent", 3, "off", edits=edits(text))
    with pytest.raises(words.WordsError, match=rf"text.tsv, line 1 \({SECANT}\): {count} sentence\(s\), the beat has 3"):
        told(narrator)


def test_removing_the_line_reverts_the_beat_to_the_scenes_text(tmp_path):
    path = text_file(tmp_path, f"{SECANT}\tA chord. It cuts twice. Its slope is a ratio.")
    edited = told(Narrator("SecantToTangent", 3, "off", edits=words.read(path, WEEK3)))
    path.write_text("# nothing edited any more\n")
    reverted = told(Narrator("SecantToTangent", 3, "off", edits=words.read(path, WEEK3)))
    assert edited[0] == "A chord."
    assert reverted == ["The line through both points is a secant.", "It cuts the curve twice.",
                        "Its slope is rise over run: (f(a+h) − f(a))/h."]


def test_a_line_naming_no_beat_of_the_scene_stops_its_render():
    narrator = Narrator("SecantToTangent", 3, "off", edits={
        "SecantToTangent-09-renamed": words.Line(Path("text.tsv"), 7, "SecantToTangent-09-renamed", "Hello.")})
    told(narrator)
    with pytest.raises(words.WordsError, match=r"text.tsv, line 7 \(SecantToTangent-09-renamed\): names no beat of SecantToTangent"):
        narrator.check_edits_used()


def test_a_whole_text_beat_takes_any_number_of_sentences():
    narrator = Narrator("SecantToTangent", 3, "off", edits=edits("One sentence only, longer than before."))
    narrator.start("The curve", "Here is a curve.", 0.0)
    beat = narrator.start("A secant", "The line is a secant. Its slope is a ratio.", 5.0)
    assert [text for text, _, _ in beat.sentences] == ["One sentence only, longer than before."]


# ------------------------------------------------------------------ recordings
def test_a_recording_of_an_older_text_is_reported_and_still_used(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CALCVIZ_RECORDINGS", str(tmp_path / "narration"))
    monkeypatch.setenv("CALCVIZ_VOICE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "narration" / "week3"
    folder.mkdir(parents=True)
    recording = folder / f"{SECANT}.wav"
    click_recording(recording, [0.2, 1.0, 1.8], 2.2)  # three sentences, two pauses

    told(Narrator("SecantToTangent", 3, "fake"))  # first used: it speaks the scene's text
    record = folder / f"{SECANT}.txt"
    assert record.read_text().splitlines()[1] == ("The line through both points is a secant. It cuts the curve twice. "
                                                  "Its slope is rise over run: $\\frac{f(a+h) - f(a)}{h}$.")
    assert "warning" not in capsys.readouterr().err

    narrator = Narrator("SecantToTangent", 3, "fake", edits=edits("A chord. It cuts twice. Its slope is $\\frac{\\Delta y}{h}$."))
    said = told(narrator)
    err = capsys.readouterr().err
    assert f"warning: {recording} was recorded for another text than its beat's now" in err
    assert narrator.beats[1].pieces[0][1].source == f"recording {recording.name}", "the recording still wins"
    assert said == ["A chord. It cuts twice.", "Its slope is Δy/h."], "the captions show the new text, a say a cue"

    record.unlink()  # a recording of an edited beat with no record: which text it speaks is not known
    told(Narrator("SecantToTangent", 3, "fake", edits=edits("A chord. It cuts twice. Its slope is a ratio.")))
    assert f"warning: {recording} has no record of the text it speaks" in capsys.readouterr().err
    assert not record.exists()

    (folder / "text.tsv").write_text(f"{SECANT}\tA chord. It cuts twice. Its slope is a ratio.\n")
    assert words.register(3, WEEK3) == [SECANT]  # `make recorded-week3`: it was re-recorded for the new text
    told(Narrator("SecantToTangent", 3, "fake", edits=edits("A chord. It cuts twice. Its slope is a ratio.")))
    assert "warning" not in capsys.readouterr().err
    assert record.read_text().splitlines()[1] == "A chord. It cuts twice. Its slope is a ratio."


# ------------------------------------------------------------------ the script
def test_the_script_is_never_written_over_an_edit_in_place(tmp_path):
    course = SimpleNamespace(week=lambda number: SimpleNamespace(title="Derivatives"))
    beats = [{"id": SECANT, "scene": "SecantToTangent", "text": "The line through both points is a secant."}]
    path = tmp_path / "script.tsv"
    path.write_text(script.script_text(course, 3, beats))
    script.refuse_edited(path, beats)  # as written: may be written again
    path.write_text(path.read_text().replace("is a secant", "is a chord"))
    with pytest.raises(script.ScriptEdited, match=rf"{path}, line \d+ \({SECANT}\): edited since it was written.*"
                                                  r"move them into .*text.tsv"):
        script.refuse_edited(path, beats)


def test_the_script_shows_each_edited_text_and_warns_of_what_a_render_would_refuse(tmp_path, monkeypatch):
    monkeypatch.setenv("CALCVIZ_RECORDINGS", str(tmp_path))
    (tmp_path / "week3").mkdir()
    (tmp_path / "week3" / "text.tsv").write_text(f"{SECANT}\tA chord. It cuts twice.\n"
                                                 "SecantToTangent-03-shrinking-h\tOne. Two.\n"
                                                 "SecantToTangent-07-gone\tHello.\n")
    beats = [{"id": SECANT, "scene": "SecantToTangent", "text": "The secant. It cuts.", "sentence_led": True,
              "sentences": ["The secant.", "It cuts."]},
             {"id": "SecantToTangent-03-shrinking-h", "scene": "SecantToTangent", "text": "Let it shrink.",
              "sentence_led": True, "sentences": ["Let it shrink."]}]
    edits, problems = script.edit_problems(3, beats)
    assert problems == [
        f"{tmp_path}/week3/text.tsv, line 2 (SecantToTangent-03-shrinking-h): 2 sentence(s), the beat has 1: "
        "write one sentence for each of the scene's (1. Let it shrink.)",
        f"{tmp_path}/week3/text.tsv, line 3 (SecantToTangent-07-gone): names no beat of SecantToTangent (the script lists its beats)"]
    course = SimpleNamespace(week=lambda number: SimpleNamespace(title="Derivatives"))
    written = script.script_text(course, 3, beats, edits)
    assert f"{SECANT}\tSecantToTangent\tThe secant. It cuts.\n# spoken: A chord. It cuts twice.    (text.tsv, line 1)\n" in written
    path = tmp_path / "week3" / "script.tsv"
    path.write_text(written)
    script.refuse_edited(path, beats)  # its comments are not edits


# ------------------------------------------------------------------ the Makefile
def test_an_edited_line_renders_only_its_clip_again_and_a_bad_one_nothing(project):  # noqa: F811
    planned_renders(project)
    fake_clips(project)
    slide_renders = project / "renders" / "tiny" / "week3" / ".slide-renders"
    slide_renders.mkdir(parents=True)
    for name in WEEK3:
        (slide_renders / f"{name}.json").write_text("{}")
    folder = project / "narration" / "week3"
    folder.mkdir(parents=True)
    text = folder / "text.tsv"
    text.write_text(f"{SECANT}\tA chord joins both points. Its slope is rise over run.\n")
    assert planned_renders(project) == ["SecantToTangent"]
    slides = subprocess.run(["make", "-n", "slides-week3", "QUALITY=tiny"], cwd=project, capture_output=True, text=True)
    assert [line.split(" slides render ")[1].split()[0] for line in slides.stdout.splitlines() if " slides render " in line] \
        == ["SecantToTangent"], "its slides too: their notes are the beats' texts"
    fake_clips(project)
    assert planned_renders(project) == []

    text.write_text(f"{SECANT}\tA chord joins both points. Its slope is rise over run, $h$.\n")  # edited in place
    assert planned_renders(project) == ["SecantToTangent"]
    fake_clips(project)
    text.write_text(text.read_text() + "LinearApproximation-02-the-tangent-line\tA line.\n")
    assert planned_renders(project) == ["LinearApproximation"], "a new line for another scene renders that scene only"
    fake_clips(project)

    text.write_text(text.read_text() + f"{SECANT}\tAgain.\n")
    result = subprocess.run(["make", "-n", "week3", "QUALITY=tiny"], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert f"narration/week3/text.tsv, line 3 ({SECANT}): beat repeated (line 1 names it too)" in result.stderr
    assert " -m scenes render " not in result.stdout, "nothing renders until the line is fixed"

    text.write_text(f"{SECANT}\tA chord joins both points. Its slope is rise over run, $h$.\n")
    assert planned_renders(project) == ["LinearApproximation"], "the line removed: its beat reverts"
    fake_clips(project)
    text.unlink()
    assert planned_renders(project) == ["SecantToTangent"], "the file removed: the scene's words again"


# ------------------------------------------------------------------ a real render
def test_a_rendered_clip_speaks_and_captions_the_edited_text(tmp_path):
    """GraphTransformations at 320x180 with its first told beat's sentences replaced: the captions show them."""
    beats = script._one_scene("GraphTransformations")
    beat = next(b for b in beats if b["sentence_led"] and b["sentences"])
    new = [f"Sentence {i} of my own words, in my department's terms." for i in range(1, len(beat["sentences"]) + 1)]
    folder = tmp_path / "narration" / "week1"
    folder.mkdir(parents=True)
    (folder / "text.tsv").write_text(f"{beat['id']}\t{' '.join(new)}\n")
    clip = tmp_path / "GraphTransformations.mp4"
    env = dict(os.environ, NARRATION="fake", CALCVIZ_RECORDINGS=str(tmp_path / "narration"),
               CALCVIZ_TEX_CACHE=str(tmp_path / "tex"), CALCVIZ_VOICE_CACHE=str(tmp_path / "voice"))
    result = subprocess.run([sys.executable, "-m", "scenes", "render", "GraphTransformations", "--quality", "tiny",
                             "--output", str(clip)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    captions = " ".join(clip.with_suffix(".srt").read_text().split())
    for sentence in new:
        assert sentence in captions
    assert beat["sentences"][0] not in captions
