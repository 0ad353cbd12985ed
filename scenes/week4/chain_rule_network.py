"""Week 4 -- the chain rule on a small neural network: values forward, local derivatives multiplied backward."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Circle, Create, FadeIn, FadeOut, Indicate, Line, SurroundingRectangle, VGroup, Write, config

from calcviz import networks

from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, DERIVATIVE, EDGE, FOREGROUND, FUNCTION, MUTED, SECANT, SMALL_SIZE, TANGENT, TICK_SIZE, formula, words
from scenes.kit.numbers import number_tex

RADIUS = 0.42
POSITIONS = {"x1": (-5.6, 2.0), "x2": (-5.6, -0.6), "h1": (-1.4, 2.0), "h2": (-1.4, -0.6), "y": (2.0, 0.7), "L": (5.2, 0.7)}
NODE_TEX = {"x1": "x_1", "x2": "x_2", "h1": "h_1", "h2": "h_2", "y": "y", "L": "L"}
# where along each edge (from its source) its label sits: apart where the edges cross
LABEL_AT = {("x1", "h1"): 0.5, ("x2", "h2"): 0.5, ("x1", "h2"): 0.36, ("x2", "h1"): 0.36,
            ("h1", "y"): 0.5, ("h2", "y"): 0.5, ("y", "L"): 0.5}
# the crossing edges are labelled a third along, well before they cross
# results worked from rounded numbers are written with \approx: their shown digits need not multiply out exactly
ACTIVATION_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh"}
ACTIVATION_DEF = {"sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}", "tanh": r"\tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}"}
ACTIVATION_NAME = {"sigmoid": "the sigmoid", "tanh": "the hyperbolic tangent"}
ACTIVATION_CURVE = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh}
ACTIVATION_SLOPE_TEX = {"sigmoid": r"\sigma' = \sigma\,(1 - \sigma)", "tanh": r"\tanh' = 1 - \tanh^2"}
ACTIVATION_SLOPE_AT = {"sigmoid": lambda a: rf"{a}\,(1 - {a})", "tanh": lambda a: rf"(1 - {a}^2)"}
# the sentences that derive the activation's slope: the last one goes with the derivation's last line
SLOPE_SAID = {"sigmoid": (r"First, the slope of $\sigma$ itself, by the chain rule: the power's slope, times $-e^{-z}$, "
                          r"the slope inside.",
                          r"Split that fraction in two: the second part is $1 - \sigma$, so $\sigma' = \sigma(1 - \sigma)$."),
              "tanh": (r"First, the slope of $\tanh$ itself. The quotient rule and $\cosh^2 z - \sinh^2 z = 1$ give "
                       r"$1 - \tanh^2 z$.",)}
BAND_TOP = -1.75  # formulas are written below the graph
FD_STEP = 1e-4
CHECK_DIGITS = 6  # the two derivatives are compared to this many significant digits
# the losses are written with enough digits that their difference still carries CHECK_DIGITS of them (they
# share their first three or four digits, which the subtraction loses): the check is worked from the numbers on screen
LOSS_DIGITS = CHECK_DIGITS + 4
WORDS = {4: "four", 5: "five", 6: "six", 7: "seven"}
BOX_BUFF = 0.08  # the check's boxes stand this far out from what they surround


def num(x: float, kind: str = "value") -> str:
    """A number for a product, by the number policy, in parentheses when negative."""
    text = number_tex(x, kind)
    return rf"\left({text}\right)" if x < 0 else text


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
        sums = grads.forward.sums
        local = {**grads.local, ("y", "L"): grads.nodes["y"]}  # dL/dy = 2(y - t): the loss's own edge
        node_grads = {**grads.nodes, "L": 1.0}
        act = ACTIVATION_TEX[p.activation]
        self.left = -config.frame_width / 2 + EDGE
        w, v = net.weights[0], net.weights[1][0]

        self.beat("The network")
        self.show_title()
        nodes, edges = self.draw_graph()
        self.say("A neural network is a chain of simple functions: two inputs feed two hidden units, "
                 "which feed one output.", Create(edges), FadeIn(nodes))
        weights = self.weight_labels(net)
        biases = self.bias_labels(net)
        legend = self.legend()
        unit = self.band(VGroup(
            formula(rf"h_1 = {act}(w_{{11}} x_1 + w_{{12}} x_2 + b_1)", r"\qquad", rf"h_2 = {act}(w_{{21}} x_1 + w_{{22}} x_2 + b_2)"),
            formula(rf"y = {act}(v_1 h_1 + v_2 h_2 + b_y)", r"\qquad", rf"L = (y - t)^2,\quad t = {number_tex(p.target, 'step')}"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2))
        squash = self.activation_card(p.activation)
        self.say("Each unit adds up its weighted inputs and a bias.",
                 [FadeIn(VGroup(*weights.values())), FadeIn(legend)], FadeIn(VGroup(*biases.values())), Write(unit[0]))
        self.say(f"It squashes that sum $z$ with {ACTIVATION_NAME[p.activation]}, ${ACTIVATION_DEF[p.activation]}$.",
                 FadeIn(squash), Write(unit[1][0]))
        self.say(f"The loss is the squared error from the target output, $t = {number_tex(p.target, 'step')}$.",
                 Write(unit[1][2]))

        self.beat("Forward pass")
        value_labels = {}
        self.say(f"The forward pass puts numbers in, $x_1 = {number_tex(p.inputs[0], 'step')}$ and "
                 f"$x_2 = {number_tex(p.inputs[1], 'step')}$.",
                 [FadeOut(unit), FadeOut(squash)], self.show_values(("x1", "x2"), values, value_labels))
        first = self.band(VGroup(*(formula(
            rf"h_{i + 1} = {act}\big({num(w[i, 0], 'step')} \cdot {num(p.inputs[0], 'step')} + {num(w[i, 1], 'step')} "
            rf"\cdot {num(p.inputs[1], 'step')} + {num(net.biases[0][i], 'step')}\big)"
            rf" = {act}({number_tex(sums[f'h{i + 1}'])}) \approx {number_tex(values[f'h{i + 1}'])}") for i in range(2))
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2))
        self.say("Then it computes each unit from the ones before it.",
                 Write(first), self.show_values(("h1", "h2"), values, value_labels))
        output = self.band(formula(rf"y = {act}({number_tex(sums['y'])}) \approx {number_tex(values['y'])}", r"\qquad",
                                   rf"L = ({number_tex(values['y'])} - {num(p.target, 'step')})^2 \approx {number_tex(values['L'])}"))
        self.say(f"Up to the output and the loss, $L = {number_tex(values['L'])}$.",
                 [FadeOut(first), FadeIn(output)], self.show_values(("y",), values, value_labels),
                 self.show_values(("L",), values, value_labels))

        self.beat("Backward pass")
        grad_labels = {}
        local_labels = self.local_labels(local)
        loss_step = self.band(formula(
            rf"{partial('L', 'L')} = 1,\qquad "  # the 1 written under L
            rf"{partial('L', 'y')} = 2(y - t) = 2\big({number_tex(values['y'])} - {num(p.target, 'step')}\big)"
            rf" \approx {number_tex(node_grads['y'])}", color=DERIVATIVE))
        self.say(f"Now backward: the loss's derivative in $y$ is ${partial('L', 'y')} = 2(y - t)$.",
                 [FadeOut(output), *self.show_grads(("L",), node_grads, grad_labels)],
                 [FadeIn(local_labels[("y", "L")], scale=1.3), edges.by_pair[("y", "L")].animate.set_color(TANGENT)],
                 FadeIn(loss_step), self.show_grads(("y",), node_grads, grad_labels))
        pairs = [("h1", "y"), ("h2", "y")]
        slope_y = self.activation_slope(p.activation, values["y"])
        sigma_step = self.band(VGroup(
            formula(rf"{ACTIVATION_SLOPE_TEX[p.activation]}:", color=TANGENT),
            VGroup(*(formula(rf"{partial('y', f'h_{i + 1}')} = {act}'(z_y)\, v_{i + 1} = {ACTIVATION_SLOPE_AT[p.activation]('y')}\, v_{i + 1}"
                      rf" = {slope_y} \cdot {num(v[i], 'step')} \approx {number_tex(local[(f'h{i + 1}', 'y')])}", color=TANGENT)
              for i in range(2))).arrange(DOWN, aligned_edge=LEFT, buff=0.15),
        ).arrange(RIGHT, buff=0.4))  # the slope of the activation, then the two edges into y that use it
        work = networks.activation_slope_work(p.activation)
        derivation = VGroup(*(formula(line, color=TANGENT) for line in work.lines))
        rows = [derivation[0], VGroup(*derivation[1:]).arrange(RIGHT, buff=0.25)]  # the last line goes on from the one before
        self.band(VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3))
        *before, last = SLOPE_SAID[p.activation]
        if before:
            self.say(before[0], FadeOut(loss_step), *(FadeIn(line) for line in derivation[:-1]))
            self.say(last, FadeIn(derivation[-1]), Indicate(derivation[-1], color=TANGENT, scale_factor=1.0))
        else:
            self.say(last, FadeOut(loss_step), *(FadeIn(line) for line in derivation))
        self.say(f"Each edge carries a local derivative: through ${act}$, its slope times the edge's weight.",
                 [FadeOut(derivation, run_time=0.6), edges.by_pair[("y", "L")].animate(run_time=0.6).set_color(MUTED)],
                 [*[FadeOut(weights[pair]) for pair in pairs], *[FadeIn(local_labels[pair], scale=1.3) for pair in pairs],
                  *[edges.by_pair[pair].animate.set_color(TANGENT) for pair in pairs], FadeIn(sigma_step)],
                 Indicate(sigma_step[0], color=TANGENT, scale_factor=1.0))
        chain_step = self.band(VGroup(*(formula(
            rf"{partial('L', f'h_{i + 1}')} = {partial('L', 'y')} \cdot {partial('y', f'h_{i + 1}')}"
            rf" = {num(node_grads['y'])} \cdot {num(local[(f'h{i + 1}', 'y')])} \approx {number_tex(node_grads[f'h{i + 1}'])}",
            color=DERIVATIVE) for i in range(2))).arrange(DOWN, aligned_edge=LEFT, buff=0.15))
        self.say("Multiply along each edge: the loss's derivative at $h_1$, then at $h_2$.",
                 FadeOut(sigma_step), [FadeIn(chain_step[0]), *self.show_grads(("h1",), node_grads, grad_labels)],
                 [FadeIn(chain_step[1]), *self.show_grads(("h2",), node_grads, grad_labels)])

        self.beat("Paths meet")
        pairs = [("x1", "h1"), ("x1", "h2")]
        terms = [rf"{num(node_grads[h])} \cdot {num(local[('x1', h)])}" for h in ("h1", "h2")]
        paths = self.band(VGroup(
            formula(rf"{partial('L', 'x_1')} = {partial('L', 'h_1')} {partial('h_1', 'x_1')} + "
                    rf"{partial('L', 'h_2')} {partial('h_2', 'x_1')}", color=DERIVATIVE),
            formula(rf"= {terms[0]} + {terms[1]} \approx {number_tex(node_grads['x1'])}", color=DERIVATIVE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2))
        into = self.band(VGroup(*(formula(
            rf"{partial(f'h_{i + 1}', 'x_1')} = {act}'(z_{{h_{i + 1}}})\, w_{{{i + 1}1}} = "
            rf"{self.activation_slope(p.activation, values[f'h{i + 1}'])} \cdot {num(w[i, 0], 'step')}"
            rf" \approx {number_tex(local[('x1', f'h{i + 1}')])}", color=TANGENT) for i in range(2))
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15))
        self.say("The input $x_1$ reaches the loss along two paths, one through each hidden unit, "
                 "each edge with its own local derivative.",
                 [FadeOut(chain_step), *[edges.by_pair[pair].animate.set_color(MUTED) for pair in [("h1", "y"), ("h2", "y")]],
                  *[edges.by_pair[pair].animate.set_color(TANGENT) for pair in pairs]],  # both paths lit as the sentence starts
                 *[[FadeOut(weights[pair]), FadeIn(local_labels[pair], scale=1.3), FadeIn(line)] for pair, line in zip(pairs, into)])
        self.say("Multiply along each path, then add.", FadeOut(into), FadeIn(paths[0]), FadeIn(paths[1]))
        self.say(f"That sum, ${number_tex(node_grads['x1'])}$, is the loss's derivative in the input $x_1$.",
                 self.show_grads(("x1",), node_grads, grad_labels), Indicate(paths[1], color=DERIVATIVE))

        self.beat("The check")
        difference = net.central_difference(p.inputs, [p.target], "x1", h=FD_STEP)
        up = net.loss(np.add(p.inputs, [FD_STEP, 0.0]), [p.target])
        down = net.loss(np.subtract(p.inputs, [FD_STEP, 0.0]), [p.target])
        check = self.band(VGroup(
            formula(rf"\text{{chain rule:}}\quad {partial('L', 'x_1')} = {number_tex(node_grads['x1'], digits=CHECK_DIGITS)}",
                    color=DERIVATIVE),
            formula(r"\text{nudged:}\quad \frac{L(x_1 + \varepsilon) - L(x_1 - \varepsilon)}{2\varepsilon}",
                    rf"= \frac{{{number_tex(up, digits=LOSS_DIGITS)} - {number_tex(down, digits=LOSS_DIGITS)}}}"
                    rf"{{2 \cdot {number_tex(FD_STEP, 'step')}}}",
                    rf"= {number_tex(difference, digits=CHECK_DIGITS)}", color=FOREGROUND),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25), room=2 * BOX_BUFF + 0.1)  # room for the boxes drawn round it
        check.shift((BOX_BUFF + 0.05) * RIGHT)
        self.say(rf"Check it without the chain rule: nudge $x_1$ both ways by a tiny $\varepsilon = {number_tex(FD_STEP, 'step')}$, "
                 r"and divide the change in the loss by $2\varepsilon$.",
                 [FadeOut(paths), FadeIn(check[0]), Indicate(grad_labels["x1"], color=DERIVATIVE)],
                 *[FadeIn(part, shift=0.1 * LEFT) for part in check[1]])
        boxes = VGroup(*[SurroundingRectangle(mob, color=ACCENT, buff=BOX_BUFF) for mob in (check[0], check[1][2])])
        self.say(f"The two numbers agree to {WORDS[CHECK_DIGITS]} digits.", Create(boxes))
        # the clip's one result, named last over the paths it came from
        path_edges = VGroup(*(edges.by_pair[pair] for pair in (("x1", "h1"), ("h1", "y"), ("x1", "h2"), ("h2", "y"), ("y", "L"))))
        self.say("That is the chain rule on a network: multiply the local derivatives along each path, then add the paths.",
                 [FadeOut(check), FadeOut(boxes), FadeIn(paths)],  # the sum over the paths, checked, held at the end
                 Indicate(path_edges, color=DERIVATIVE, scale_factor=1.0),
                 Indicate(VGroup(paths[1], grad_labels["x1"]), color=DERIVATIVE, scale_factor=1.0))

    @staticmethod
    def activation_slope(activation: str, value: float) -> str:
        """The activation's slope written from the unit's value: ``a(1 - a)`` for the sigmoid, ``1 - a^2`` for tanh."""
        if activation == "sigmoid":
            return rf"{number_tex(value)}\,(1 - {number_tex(value)})"
        return rf"(1 - {number_tex(value)}^2)"

    def activation_card(self, activation: str) -> VGroup:
        """The activation's formula and a small plot of it, in the free corner right of the hidden units, under y."""
        axes = Axes(x_range=[-5, 5, 5], y_range=[-1, 1, 1] if activation == "tanh" else [0, 1, 1], x_length=1.9,
                    y_length=0.8, tips=False, axis_config={"color": MUTED, "stroke_width": 2})
        curve = axes.plot(ACTIVATION_CURVE[activation], color=ACCENT, stroke_width=3)
        z = formula("z", size=TICK_SIZE, color=MUTED).next_to(axes.x_axis.get_right(), RIGHT, buff=0.08)
        label = formula(ACTIVATION_DEF[activation], size=30, color=FOREGROUND)
        card = VGroup(label, VGroup(axes, curve, z)).arrange(RIGHT, buff=0.3)
        card.to_edge(RIGHT, buff=EDGE).set_y(-1.05)
        return card

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
        """A label on the edge ``pair`` itself, cutting its line (a label beside a line can be read as another's)."""
        start, end = (np.array([*POSITIONS[n], 0.0]) for n in pair)
        label = formula(tex, size=26, color=color)
        label.add_background_rectangle(color=BACKGROUND, opacity=1, buff=0.06)
        return label.move_to(start + LABEL_AT[pair] * (end - start)).set_z_index(1)

    def weight_labels(self, net) -> dict:
        labels = {}
        for edge in net.edges:
            pair = (edge.source, edge.target)
            labels[pair] = self.edge_label(pair, number_tex(net.weights[edge.layer][edge.row, edge.column], "step"), MUTED)
        return labels

    def local_labels(self, local: dict) -> dict:
        return {pair: self.edge_label(pair, rf"\times {num(value)}", TANGENT) for pair, value in local.items()}

    def bias_labels(self, net) -> dict:
        """Each unit's bias, on a short stub into the unit from above-right (below-right for the lower unit)."""
        labels = {}
        names = {"h1": (rf"b_1 = {number_tex(net.biases[0][0], 'step')}", 145),
                 "h2": (rf"b_2 = {number_tex(net.biases[0][1], 'step')}", 215),
                 "y": (rf"b_y = {number_tex(net.biases[1][0], 'step')}", -35)}
        for name, (tex, angle) in names.items():
            centre = self.node_position(name)
            direction = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle)), 0.0])
            stub = Line(centre + (RADIUS + 0.4) * direction, centre + RADIUS * direction, color=MUTED, stroke_width=2)
            label = formula(tex, size=TICK_SIZE, color=MUTED).next_to(stub.get_start(), RIGHT if direction[0] > 0 else LEFT, buff=0.06)
            labels[name] = VGroup(stub, label)
        return labels

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
            label = formula(number_tex(numbers[name], "step" if name in ("x1", "x2") and color == FUNCTION else "value"),
                            size=SMALL_SIZE, color=color)
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
        height = BAND_TOP - (-config.frame_height / 2 + EDGE)
        if mob.height > height:
            mob.scale_to_fit_height(height)
        mob.next_to([self.left, BAND_TOP, 0], DOWN + RIGHT, buff=0)
        return mob
