"""Sentence-led choreography: what ``LectureScene.say`` plays while a sentence is spoken.

A sentence's steps start with its first word.  When they are shorter than the speech they
are slowed to cover it, up to ``MAX_STRETCH`` times their length; only then is the last frame
held.  A still held while the voice goes on for more than ``LONGEST_STILL`` seconds is
reported when the clip is done: the sentence needs more to show, or fewer words.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from manim.animation.animation import Animation, prepare_animation

MAX_STRETCH = 2.0  # animations are slowed at most this much to cover their sentence
LONGEST_STILL = 6.0  # seconds a frame may stay still while the voice speaks


class ChoreographyError(RuntimeError):
    """A sentence whose picture is missing or malformed."""


@dataclass(frozen=True)
class Plan:
    steps: tuple  # each: a list of Animations (played together), seconds of stillness, or a callable
    natural: float  # seconds the steps take unstretched (at the scene's pace)
    moves: bool  # whether any step animates

    def stretch(self, speech: float) -> float:
        """How much to slow the steps so that they cover ``speech`` seconds (1 to MAX_STRETCH)."""
        if self.natural <= 0:
            return 1.0
        return min(MAX_STRETCH, max(1.0, speech / self.natural))


def value_to(tracker, value: float, run_time: float = 1.0) -> Animation:
    """``tracker`` moving to ``value``, built now: several of them can follow each other in one sentence.

    (Each ``.animate`` of a mobject replaces its ``target``, so two unbuilt ``.animate`` of one
    mobject in the same sentence would both go to the last value.)
    """
    return prepare_animation(tracker.animate(run_time=run_time).set_value(value))


def plays(action):
    """Mark a callable step that plays animations itself (a camera turn, a surface rising): it shows
    something new, though its time cannot be stretched to the speech."""
    action.plays = True
    return action


def plan(steps, pace: float = 1.0) -> Plan:
    """``steps`` normalised, with durations scaled by ``pace``."""
    builders = [s for step in steps for s in (step if isinstance(step, (list, tuple)) else [step]) if hasattr(s, "build")]
    if len({id(b.mobject) for b in builders}) < len(builders):
        raise ChoreographyError("two .animate of one mobject in one sentence both go to the last target; "
                                "build each as it is written (choreography.value_to for a tracker)")
    normal, natural, moves = [], 0.0, False
    for step in steps:
        if isinstance(step, (int, float)) and not isinstance(step, bool):
            if step < 0:
                raise ChoreographyError(f"a pause cannot last {step} s")
            normal.append(step * pace)
            natural += step * pace
        elif callable(step) and not isinstance(step, Animation) and not hasattr(step, "build"):
            normal.append(step)
            moves = moves or getattr(step, "plays", False)
        else:
            group = [prepare_animation(a) for a in (step if isinstance(step, (list, tuple)) else [step])]
            if not group:
                raise ChoreographyError("an empty list of animations")
            for animation in group:
                animation.run_time *= pace
            normal.append(group)
            natural += max(a.run_time for a in group)
            moves = True
    return Plan(tuple(normal), natural, moves)


def still_seconds(said: dict) -> float:
    """How long the picture stood still while a ``say`` record's sentence was spoken."""
    return max(0.0, said["spoken_until"] - said["shown_until"])


def warn_long_stills(scene: str, said: list[dict]) -> list[dict]:
    """Report (on stderr) and return the sentences spoken over a still longer than LONGEST_STILL."""
    long = [s for s in said if still_seconds(s) > LONGEST_STILL + 1e-6]
    for s in long:
        print(f"warning: {scene}, beat {s['beat']!r}: {still_seconds(s):.1f} s still while saying {s['text']!r}",
              file=sys.stderr)
    return long
