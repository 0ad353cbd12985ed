"""LectureScene.tie: mobjects that follow a tracker rest (not updated, drawn with the still frame)
in animations that do not move it, and follow it again in those that do."""

from __future__ import annotations

from types import SimpleNamespace

from manim import Dot, FadeIn, Square, ValueTracker

from scenes.kit.lecture import LectureScene


def bare_scene(*mobjects) -> LectureScene:
    scene = LectureScene.__new__(LectureScene)  # no course config needed for the moving-set logic
    scene.mobjects, scene.foreground_mobjects, scene._ties = list(mobjects), [], []
    scene.renderer = SimpleNamespace(camera=SimpleNamespace(use_z_index=True))
    return scene


def test_a_tied_follower_rests_until_its_tracker_moves():
    x, y = ValueTracker(0.0), ValueTracker(0.0)
    tied = Dot().add_updater(lambda m: m.set_x(x.get_value()))
    other = Dot().add_updater(lambda m: m.set_x(y.get_value()))  # tied to y: rests while y does
    free = Dot().add_updater(lambda m: m.set_y(x.get_value()))  # not tied: always redrawn
    square = Square()
    scene = bare_scene(x, y, tied, other, free, square)
    scene.tie(x, tied)
    scene.tie(y, other)

    moving = scene.get_moving_mobjects(FadeIn(square))
    assert square in moving and free in moving
    assert tied not in moving and other not in moving
    assert tied.updating_suspended and tied.resting

    moving = scene.get_moving_mobjects(x.animate.set_value(2.0).build())
    assert tied in moving and not tied.updating_suspended and not tied.resting
    assert other not in moving and other.updating_suspended
    tied.update(0)
    assert tied.get_x() == 0.0  # the tracker has not moved yet: the animation moves it

    moving = scene.get_moving_mobjects(FadeIn(tied))  # a fade of a resting follower is drawn
    assert tied in moving


def test_a_follower_of_two_trackers_moves_with_either():
    x, y = ValueTracker(0.0), ValueTracker(0.0)
    both = Dot().add_updater(lambda m: m.move_to([x.get_value(), y.get_value(), 0]))
    scene = bare_scene(x, y, both)
    scene.tie(x, both)
    scene.tie(y, both)
    for tracker in (x, y):
        moving = scene.get_moving_mobjects(tracker.animate.set_value(1.0).build())
        assert both in moving and not both.updating_suspended and not both.resting
    moving = scene.get_moving_mobjects(FadeIn(Square()))
    assert both not in moving and both.resting
