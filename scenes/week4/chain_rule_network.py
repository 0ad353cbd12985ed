"""Week 4 -- the chain rule on a small neural network: values forward, local derivatives multiplied backward."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, Create, FadeIn, FadeOut, Line, SurroundingRectangle, VGroup, Write, config

from scenes.kit.lecture import LectureScene
from scenes.kit.look import (ACCENT, BACKGROUND, DERIVATIVE, EDGE, FUNCTION, MUTED, SECANT, TANGENT, formula, tex_number,
                             words)

RADIUS = 0.42
POSITIONS = {"x1": (-5.6, 2.0), "x2": (-5.6, -0.6), "h1": (-1.4, 2.0), "h2": (-1.4, -0.6), "y": (2.0, 0.7), "L": (5.2, 0.7)}
NODE_TEX = {"x1": "x_1", "x2": "x_2", "h1": "h_1", "h2": "h_2", "y": "y", "L": "L"}
# where along each edge (from its source) its label sits: apart where the edges cross
LABEL_AT = {("x1", "h1"): 0.5, ("x2", "h2"): 0.5, ("x1", "h2"): 0.4, ("x2", "h1"): 0.4,
            ("h1", "y"): 0.5, ("h2", "y"): 0.5, ("y", "L"): 0.5}
ACTIVATION_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh"}
BAND_TOP = -1.75  # formulas are written below the graph
NUMBER_SIZE = 30
FD_STEP = 1e-4
BOX_BUFF = 0.08  # the check's boxes stand this far out from what they surround


def num(x: float) -> str:
    """A number for a product: 4 significant digits, in parentheses when negative."""
    text = tex_number(x, 4)
    return rf"\left({text}\right)" if x < 0 else text


def num3(x: float) -> str:
    """A short number for an edge label (3 significant digits), in parentheses when negative."""
    text = tex_number(x, 3)
    return rf"({text})" if x < 0 else text


def partial(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


class ChainRuleNetwork(LectureScene):
    """A 2-2-1 network: the forward pass writes values on the nodes, the backward pass multiplies
    local derivatives along the edges and sums them where paths meet, checked by a finite difference."""

    def construct(self) -> None:
        p = self.params
        net = p.network()
        grads = net.backward(p.inputs, [p.target])
        values = {**grads.forward.values, "L": grads.loss}
        local = {**grads.local, ("y", "L"): grads.nodes["y"]}  # dL/dy = 2(y - t): the loss's own edge
        node_grads = {**grads.nodes, "L": 1.0}
        act = ACTIVATION_TEX[p.activation]
        self.left = -config.frame_width / 2 + EDGE

        self.beat("Title", "A neural network is a chain of simple functions. Its gradient comes from the chain rule, "
                           "applied one edge at a time.")
        self.show_title()

        self.beat("The network", f"Two inputs feed two hidden units, and they feed one output. Each unit adds up its "
                                 f"weighted inputs and squashes the sum with a {p.activation}. The loss is the squared error.")
        nodes, edges = self.draw_graph()
        weights = self.weight_labels(net)
        legend = self.legend()
        self.play(Create(edges), FadeIn(nodes), run_time=self.t(1.8))
        self.play(FadeIn(VGroup(*weights.values())), FadeIn(legend), run_time=self.t(1.2))
        unit = self.band(formula(rf"h_1 = {act}(w_{{11}} x_1 + w_{{12}} x_2 + b_1)", r"\qquad",
                                 rf"L = (y - t)^2,\quad t = {tex_number(p.target, 4)}"))
        self.play(Write(unit), run_time=self.t(1.8))
        self.pause(3)

        self.beat("Forward pass", "The forward pass: put numbers in, and compute each unit from the ones before it. "
                                  "Every value is written on its node, up to the loss.")
        value_labels = {}
        self.play(FadeOut(unit), *self.show_values(("x1", "x2"), values, value_labels), run_time=self.t(1))
        sums = grads.forward.sums
        b1 = net.biases[0][0]
        w = net.weights[0]
        first = self.band(formula(
            rf"h_1 = {act}\big({num(w[0, 0])} \cdot {num(p.inputs[0])} + {num(w[0, 1])} \cdot {num(p.inputs[1])} + {num(b1)}\big)"
            rf" = {act}({tex_number(sums['h1'], 4)}) = {tex_number(values['h1'], 4)}"))
        self.play(Write(first), run_time=self.t(1.8))
        self.play(*self.show_values(("h1", "h2"), values, value_labels), run_time=self.t(1))
        self.pause(1.5)
        output = self.band(formula(rf"y = {act}({tex_number(sums['y'], 4)}) = {tex_number(values['y'], 4)}", r"\qquad",
                                   rf"L = ({tex_number(values['y'], 4)} - {num(p.target)})^2 = {tex_number(values['L'], 4)}"))
        self.play(FadeOut(first), FadeIn(output), *self.show_values(("y",), values, value_labels), run_time=self.t(1))
        self.play(*self.show_values(("L",), values, value_labels), run_time=self.t(0.8))
        self.pause(2.5)

        self.beat("Backward pass", "Now backward. Each edge carries a local derivative: how much its end moves when its "
                                   "start moves. Multiply them along the way from the loss.")
        grad_labels = {}
        self.play(FadeOut(output), *self.show_grads(("L",), node_grads, grad_labels), run_time=self.t(0.8))
        local_labels = self.local_labels(local)
        for stage, (sources, target) in enumerate(((("y",), "L"), (("h1", "h2"), "y"))):
            pairs = [(s, target) for s in sources]
            self.play(*[FadeOut(weights[pair]) for pair in pairs if pair in weights],
                      *[FadeIn(local_labels[pair], scale=1.3) for pair in pairs],
                      *[edges.by_pair[pair].animate.set_color(TANGENT) for pair in pairs], run_time=self.t(1))
            source = sources[0]
            if target == "L":  # the loss's own local derivative, d (y - t)^2 / dy
                tex = rf"{partial('L', 'y')} = 2(y - t) = 2\big({tex_number(values['y'], 4)} - {num(p.target)}\big) = {tex_number(node_grads['y'], 4)}"
            else:
                tex = (rf"{partial('L', NODE_TEX[source])} = {partial('L', NODE_TEX[target])} \cdot {partial(NODE_TEX[target], NODE_TEX[source])}"
                       rf" = {num(node_grads[target])} \cdot {num(local[(source, target)])} = {tex_number(node_grads[source], 4)}")
            step = self.band(formula(tex, color=DERIVATIVE))
            self.play(FadeIn(step), run_time=self.t(1))
            self.play(*self.show_grads(sources, node_grads, grad_labels), run_time=self.t(1))
            self.pause(2 if stage == 0 else 2.5)
            self.play(FadeOut(step), *[edges.by_pair[pair].animate.set_color(MUTED) for pair in pairs], run_time=self.t(0.6))

        self.beat("Paths meet", "An input reaches the loss along two paths, one through each hidden unit. Multiply along "
                                "each path, then add the two products: that sum is the gradient.")
        for source in ("x1", "x2"):
            pairs = [(source, "h1"), (source, "h2")]
            self.play(*[FadeOut(weights[pair]) for pair in pairs], *[FadeIn(local_labels[pair], scale=1.3) for pair in pairs],
                      *[edges.by_pair[pair].animate.set_color(TANGENT) for pair in pairs], run_time=self.t(0.9))
            terms = [rf"{num(node_grads[h])} \cdot {num(local[(source, h)])}" for h in ("h1", "h2")]
            x = NODE_TEX[source]
            paths = self.band(VGroup(
                formula(rf"{partial('L', x)} = {partial('L', 'h_1')} {partial('h_1', x)} + {partial('L', 'h_2')} {partial('h_2', x)}",
                        color=DERIVATIVE),
                formula(rf"= {terms[0]} + {terms[1]} = {tex_number(node_grads[source], 4)}", color=DERIVATIVE),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.2))
            self.play(FadeIn(paths[0]), run_time=self.t(1))
            self.pause(1 if source == "x2" else 2)
            self.play(FadeIn(paths[1]), *self.show_grads((source,), node_grads, grad_labels), run_time=self.t(1))
            self.pause(1.5 if source == "x2" else 2.5)
            self.play(FadeOut(paths), *[edges.by_pair[pair].animate.set_color(MUTED) for pair in pairs], run_time=self.t(0.6))

        self.beat("The check", "Check it without the chain rule: nudge the first input a little up and a little down, and "
                               "divide the change in the loss by the change in the input. The two numbers agree.")
        difference = net.central_difference(p.inputs, [p.target], "x1", h=FD_STEP)
        up = net.loss(np.add(p.inputs, [FD_STEP, 0.0]), [p.target])
        down = net.loss(np.subtract(p.inputs, [FD_STEP, 0.0]), [p.target])
        check = self.band(VGroup(
            formula(rf"\text{{chain rule:}}\quad {partial('L', 'x_1')} = {tex_number(node_grads['x1'], 6)}", color=DERIVATIVE),
            formula(r"\text{finite difference:}\quad \frac{L(x_1 + h) - L(x_1 - h)}{2h}",
                    rf"= \frac{{{tex_number(up, 8)} - {tex_number(down, 8)}}}{{2 \cdot 10^{{{int(np.log10(FD_STEP))}}}}}",
                    rf"= {tex_number(difference, 6)}", color=SECANT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25), room=2 * BOX_BUFF + 0.1)  # room for the boxes drawn round it
        check.shift((BOX_BUFF + 0.05) * RIGHT)
        self.play(FadeIn(check[0]), grad_labels["x1"].animate.scale(1.25), run_time=self.t(1))
        self.pause(1.5)
        for part in check[1]:
            self.play(FadeIn(part, shift=0.1 * LEFT), run_time=self.t(1))
            self.pause(1.2)
        boxes = VGroup(*[SurroundingRectangle(mob, color=ACCENT, buff=BOX_BUFF) for mob in (check[0], check[1][2])])
        self.play(Create(boxes), run_time=self.t(1))
        self.pause(2.5)

    # ------------------------------------------------------------------ the graph
    def draw_graph(self):
        nodes = VGroup()
        nodes.by_name = {}
        for name, (x, y) in POSITIONS.items():
            color = FUNCTION if name.startswith("x") else SECANT if name == "L" else ACCENT
            circle = Circle(radius=RADIUS, color=color, stroke_width=3).set_fill(BACKGROUND, 1).move_to([x, y, 0])
            node = VGroup(circle, formula(NODE_TEX[name], size=34).move_to(circle))  # drawn after the edges, which stop at its rim
            nodes.add(node)
            nodes.by_name[name] = node
        edges = VGroup()
        edges.by_pair = {}
        for pair in LABEL_AT:
            start, end = (np.array([*POSITIONS[n], 0.0]) for n in pair)
            direction = (end - start) / np.linalg.norm(end - start)
            line = Line(start + RADIUS * direction, end - RADIUS * direction, color=MUTED, stroke_width=3)
            edges.add(line)
            edges.by_pair[pair] = line
        return nodes, edges

    @staticmethod
    def edge_label(pair, tex: str, color: str):
        """A label beside the edge ``pair``, on the side away from the graph's middle."""
        start, end = (np.array([*POSITIONS[n], 0.0]) for n in pair)
        at = start + LABEL_AT[pair] * (end - start)
        normal = np.array([-(end - start)[1], (end - start)[0], 0.0])
        normal /= np.linalg.norm(normal)
        if normal[1] < 0:
            normal = -normal  # above the line
        label = formula(tex, size=26, color=color)
        return label.move_to(at + (0.12 + label.height / 2 + abs(normal[0]) * label.width / 2) * normal)

    def weight_labels(self, net) -> dict:
        labels = {}
        for edge in net.edges:
            pair = (edge.source, edge.target)
            labels[pair] = self.edge_label(pair, tex_number(net.weights[edge.layer][edge.row, edge.column], 3), MUTED)
        return labels

    def local_labels(self, local: dict) -> dict:
        return {pair: self.edge_label(pair, rf"\times {num3(value)}", TANGENT) for pair, value in local.items()}

    def legend(self) -> VGroup:
        rows = VGroup(words("value", size=26, color=FUNCTION), formula(r"\partial L / \partial\,\text{node}", size=26, color=DERIVATIVE),
                      words("weight", size=26, color=MUTED), words("local derivative", size=26, color=TANGENT))
        rows.arrange(DOWN, aligned_edge=RIGHT, buff=0.1).to_corner(UP + RIGHT, buff=EDGE)
        return rows

    def show_values(self, names, values: dict, labels: dict) -> list:
        """Each node's value, above it."""
        return self.node_numbers(names, values, labels, FUNCTION, UP)

    def show_grads(self, names, grads: dict, labels: dict) -> list:
        """Each node's derivative of the loss, below it."""
        return self.node_numbers(names, grads, labels, DERIVATIVE, DOWN)

    def node_numbers(self, names, numbers: dict, labels: dict, color: str, side) -> list:
        shown = []
        for name in names:
            label = formula(tex_number(numbers[name], 4), size=NUMBER_SIZE, color=color)
            label.next_to(self.node_position(name), side, buff=RADIUS + 0.12)
            labels[name] = label
            shown.append(FadeIn(label, shift=-0.1 * side))
        return shown

    @staticmethod
    def node_position(name: str) -> np.ndarray:
        return np.array([*POSITIONS[name], 0.0])

    def band(self, mob, room: float = 0.0):
        """Put a formula (or a column of them) in the band under the graph, shrunk to the frame's width
        less ``room``."""
        width = config.frame_width - 2 * EDGE - room
        if mob.width > width:
            mob.scale_to_fit_width(width)
        mob.next_to([self.left, BAND_TOP, 0], DOWN + RIGHT, buff=0)
        return mob
