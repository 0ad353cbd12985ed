"""LectureScene.clear_all_but keeps what it is told to keep above its fading cover, then gives every part of
it back its own z-index (a label drawn over its curve stays over it)."""

from __future__ import annotations

from types import SimpleNamespace

from manim import Dot, Square, VGroup

from scenes.kit.lecture import COVER_Z, LectureScene


def test_kept_parts_keep_their_own_z_index():
    curve, label = Square(), Dot().set_z_index(3)
    kept, gone = VGroup(curve, label), Square()
    scene = LectureScene.__new__(LectureScene)  # no course config needed
    scene.mobjects, scene.foreground_mobjects = [kept, gone], []
    during = {}
    scene.play = lambda *animations, **options: during.update(z=[m.z_index for m in kept.get_family()])
    scene.t = lambda seconds: seconds

    scene.clear_all_but(kept)

    assert during["z"] == [COVER_Z + 1] * 3  # above the cover while it fades in
    assert (kept.z_index, curve.z_index, label.z_index) == (0, 0, 3)
    assert scene.mobjects == [kept]
