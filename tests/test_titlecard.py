"""The title card is cached like a clip: rendered again only when the week's titles or scenes change."""

from __future__ import annotations

import pytest

from scenes.course import ROOT, load_course
from scenes.publish import titlecard

CACHE_PATH = titlecard.cache_path


@pytest.fixture
def renders(tmp_path, monkeypatch) -> list[str]:
    """Cards cached under tmp_path; returns the titles of the weeks whose card was really rendered."""
    monkeypatch.setattr(titlecard, "cache_path", lambda *args: tmp_path / "cache" / CACHE_PATH(*args).name)
    rendered: list[str] = []
    real_render = titlecard._render
    monkeypatch.setattr(titlecard, "_render", lambda course, week, *rest: rendered.append(week.title) or real_render(course, week, *rest))
    return rendered


def course_with(tmp_path, old: str, new: str):
    text = (ROOT / "course.toml").read_text()
    assert old in text
    path = tmp_path / "course.toml"
    path.write_text(text.replace(old, new, 1))
    return load_course(path)


def test_a_card_is_rendered_once_then_copied_until_its_titles_change(renders, tmp_path):
    course = load_course()
    week = course.week(3)
    first = titlecard.render_title_card(course, week, "tiny", tmp_path / "first.mp4")
    second = titlecard.render_title_card(course, week, "tiny", tmp_path / "second.mp4")
    assert renders == [week.title]
    assert first.read_bytes() == second.read_bytes() and first.stat().st_size > 1000

    retitled = course_with(tmp_path, f'title = "{week.title}"', 'title = "Derivatives, Revisited"')
    titlecard.render_title_card(retitled, retitled.week(3), "tiny", tmp_path / "third.mp4")
    assert renders == [week.title, "Derivatives, Revisited"]
    assert (tmp_path / "third.mp4").read_bytes() != first.read_bytes()


def test_the_cache_key_follows_what_the_card_shows():
    course = load_course()
    week = course.week(3)
    key = CACHE_PATH(course, week, "tiny")
    assert CACHE_PATH(course, week, "tiny") == key, "stable"
    assert CACHE_PATH(course, week, "low") != key
    assert CACHE_PATH(course, course.week(5), "tiny") != key


def test_a_scene_title_is_part_of_the_card(tmp_path):
    course = load_course()
    renamed = course_with(tmp_path, 'title = "The derivative as a function"', 'title = "f prime as a function"')
    assert CACHE_PATH(renamed, renamed.week(3), "tiny") != CACHE_PATH(course, course.week(3), "tiny")
    assert CACHE_PATH(renamed, renamed.week(5), "tiny") == CACHE_PATH(course, course.week(5), "tiny"), "other weeks keep theirs"
