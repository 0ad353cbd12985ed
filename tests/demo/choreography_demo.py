"""A scene told sentence by sentence, for tests/test_choreography.py: named like a course scene to
borrow its parameters, rendered from this module instead."""

from manim import Circle, Create, FadeIn, Square

from scenes.kit.choreography import value_to
from scenes.kit.lecture import LectureScene

LONG = "This sentence is a good deal longer than the one second of animation that comes with it."


class SecantToTangent(LectureScene):
    def construct(self) -> None:
        self.beat("Sentences")
        self.show_title()
        circle, square = Circle().shift(2 * 1), Square().shift(-2 * 1)
        self.say("A circle draws for six seconds.", Create(circle, run_time=6))
        self.say(LONG, FadeIn(square, run_time=1))
        self.say("It stays as it is.", hold="the square is read")
        self.beat("Trackers")
        from manim import ValueTracker
        t = ValueTracker(0)
        self.add(t)
        self.say("The square moves twice.", value_to(t, 1, 0.5), value_to(t, 2, 0.5), square.animate(run_time=1).shift(1))
