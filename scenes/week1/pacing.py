"""Beats that last as long as their narration takes to say."""

from __future__ import annotations

SPOKEN_RATE = 14.0  # characters of narration per second a voice (and a caption reader) keeps up with


def hold(scene, seconds: float) -> None:
    """``scene.pause(seconds)``, longer if the current beat's narration needs more time to be read out.

    Where the scene base class itself holds each beat until its speech ends
    (a narrated ``LectureScene`` has no ``_caption``), this is a plain pause.
    """
    caption = getattr(scene, "_caption", None)
    if caption is None:
        scene.pause(seconds)
        return
    text, start = caption
    missing = len(text) / SPOKEN_RATE - (scene.time - start)
    scene.pause(max(seconds, missing / scene.params.pace))
