"""A small scene for tests/test_encoding.py: moving things over a static background that changes
between animations, a held frame, and a frame read back with ``get_frame`` after each animation."""

import json
import os

import numpy as np
from manim import BLUE, DOWN, LEFT, RED, RIGHT, UP, Circle, Square, Text, linear

from scenes.kit.lecture import EncodedScene


class Handover(EncodedScene):
    def construct(self) -> None:
        seen = []
        label = Text("still", font_size=40).to_edge(UP)
        square = Square(1.2, color=BLUE, fill_opacity=1).to_edge(LEFT)
        self.add(label, square)
        self.play(square.animate.to_edge(RIGHT), run_time=1, rate_func=linear)
        seen.append(self.renderer.get_frame())
        self.wait(0.6)  # held: one long frame
        corner = Circle(0.5, color=RED, fill_opacity=1).to_corner(DOWN + LEFT)
        self.add(corner)  # the static background changes
        self.play(square.animate.shift(DOWN * 2), run_time=1, rate_func=linear)
        seen.append(self.renderer.get_frame())
        np.savez(os.environ["HANDOVER_FRAMES"], *seen)
        with open(os.environ["HANDOVER_FRAMES"] + ".json", "w") as file:
            json.dump({"time": self.renderer.time}, file)
