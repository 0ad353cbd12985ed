"""Week 1 -- the limit of a sequence: terms piling up, the epsilon strip and N(epsilon), the definition.

One idea: the limit of a sequence, read as "for every epsilon > 0 there is an N"."""

from __future__ import annotations


import numpy as np
import sympy
from manim import Circle, Indicate, TransformFromCopy, DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, LaggedStart, Line, NumberLine, SurroundingRectangle, ValueTracker, VGroup, VMobject, Write

from calcviz import exact, latex, limits, sequence_work
from calcviz.strip_edge import on_edge
from calcviz.view import nice_step, value_window
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.choreography import value_to
from scenes.kit.look import ACCENT, AXIS, DERIVATIVE, EDGE, FOREGROUND, MUTED, SECANT, SMALL_SIZE, TANGENT, TICK_SIZE, formula
from scenes.kit.palette import colour_name
from scenes.kit.numbers import number_tex, plain_tex as plain
from scenes.kit.plotting import dashed_segments, fixed_map, make_axes, polyline_points

AXES_WIDTH, AXES_HEIGHT = 7.4, 6.2  # the graph takes the frame's height once the number line has gone
LINE_Y = -0.2  # the number line of the opening, across the frame's middle
LINE_LENGTH = 12.4
DOT_RADIUS = 0.065
LINE_DOT_RADIUS = 0.09


class SequenceLimits(LectureScene):
    """a_n on the number line and over n; the epsilon strip with N from n_for_epsilon; (1 + 1/n)^n -> e."""

    def construct(self) -> None:
        p = self.params
        term, count = p.term, p.terms
        limit = limits.sequence_limit(term)
        ns = np.arange(1, count + 1, dtype=float)
        values = term(ns)
        shown_term = written(term)
        self.beat("Terms on a line")
        self.show_title()
        y_window = value_window(np.append(values, limit))
        axes = make_axes((0, count + 1, nice_step(count)), y_window, AXES_WIDTH, AXES_HEIGHT, x_label="n", y_label="a_n")
        axes.to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel(left=axes.get_right()[0] + 0.6, top=2.65)
        term_label = panel.place(formula(rf"a_n = {shown_term}", color=p.function_color))
        line = NumberLine(x_range=list(y_window), length=LINE_LENGTH, color=AXIS, include_numbers=True, font_size=SMALL_SIZE,
                          decimal_number_config={"num_decimal_places": decimals(y_window[2]), "color": MUTED})
        line.move_to([0, LINE_Y, 0])
        line_dots = VGroup(*[Dot(line.n2p(v), radius=LINE_DOT_RADIUS, color=p.function_color).set_opacity(0.8) for v in values])
        names = first_labels(line, [(k, term_tex(term, k)) for k in range(1, 4)], values[:3], p.function_color)
        firsts = ", ".join(f"$a_{k} = {term_tex(term, k)}$" for k in range(1, 4))
        self.play(Create(line), run_time=1.0)  # the stage draws silently: the voice speaks over it
        self.say(f"Here is the sequence $a_n = {said_term(shown_term)}$.", Write(term_label), Indicate(term_label, color=p.function_color))
        self.say(f"Its first terms, {firsts}, sit on the number line.",
                 LaggedStart(*[FadeIn(VGroup(d, m), scale=1.5) for d, m in zip(line_dots[:3], names)], lag_ratio=0.8, run_time=3))
        self.say(f"The next ones, up to $a_{{{count}}}$, crowd together around one number.",
                 FadeIn(line_dots[3:], lag_ratio=0.15, run_time=3))

        self.beat("Over n")
        to_scene = fixed_map(axes)
        graph_dots = VGroup(*[Dot(to_scene([n, v])[0], radius=DOT_RADIUS, color=p.function_color).set_z_index(3) for n, v in zip(ns, values)])
        level = dashed_segments(to_scene([0, limit]), to_scene([count + 1, limit]), color=TANGENT, width=2)
        limit_label = panel.place(formula(rf"L = {exact_tex(limit)}", color=TANGENT), buff=0.4)
        alternate = " the sign $(-1)^n$ makes them alternate, above and below a level." if r"\left(-1\right)^{n}" in shown_term else \
            " they settle down onto a level."
        self.say(f"Spread the same terms out over $n$:{alternate}", [FadeOut(VGroup(line, line_dots, names)), Create(axes)],
                 FadeIn(graph_dots, lag_ratio=0.08, run_time=2.5))
        self.say(f"That level is the limit, $L = {exact_tex(limit)}$.", [Create(level), Write(limit_label)])

        first, rest = p.epsilons[0], p.epsilons[1:]
        n_first = limits.n_for_epsilon(term, first, limit=limit)
        self.beat("The epsilon strip")
        epsilon = ValueTracker(first)
        (x0, x1), strip = (0, count + 1), VMobject(fill_color=TANGENT, fill_opacity=0.18, stroke_width=0)

        def reshape(mob):
            e = epsilon.get_value()
            mob.points = polyline_points(to_scene(np.array([[x0, limit - e], [x1, limit - e], [x1, limit + e], [x0, limit + e], [x0, limit - e]])))

        reshape(strip)
        strip.add_updater(reshape)
        self.tie(epsilon, strip)
        rows = self.epsilon_rows(first, n_first, panel, limit_label)
        self.say(f"Draw a strip of half-width $\\varepsilon = {number_tex(first, 'step')}$ around $L$.", [FadeIn(strip), FadeIn(rows[0])])
        n_line = self.n_marker(axes, to_scene, n_first)
        outside = [k for k, v in enumerate(values, start=1) if abs(v - limit) >= first]
        self.say(f"From $N = {n_first}$ on, every term stays inside, in {colour_name(DERIVATIVE)}; the ones outside, in {colour_name(SECANT)}, all come before $N$.",
                 [Create(n_line), FadeIn(rows[1])], self.recolor(graph_dots, values, limit, first))
        definition = formula(r"\text{for every } \varepsilon > 0 \text{ there is an } N:", r"\ |a_n - L| < \varepsilon \text{ for all } n \ge N",
                             size=30)
        definition[1].next_to(definition[0], DOWN, aligned_edge=LEFT, buff=0.15)
        panel.place(definition, below=rows, buff=0.4)
        self.say("That is the definition: for every $\\varepsilon > 0$ there is an $N$,", Write(definition[0]))
        self.say("with $|a_n - L| < \\varepsilon$ for all $n \\ge N$.", Write(definition[1]), Indicate(definition, scale_factor=1.0))

        self.beat("Shrinking epsilon")
        for k, e in enumerate(rest):
            n_e = limits.n_for_epsilon(term, e, limit=limit)
            new_rows = self.epsilon_rows(e, n_e, panel, limit_label)
            new_line = self.n_marker(axes, to_scene, n_e)
            said = (f"Narrow the strip to $\\varepsilon = {number_tex(e, 'step')}$: the first $N$ that works moves out to ${n_e}$." if k == 0 else
                    f"For $\\varepsilon = {number_tex(e, 'step')}$, the first $N$ that works is ${n_e}$.")
            # strip, N line, colours and readouts change together; the numbers fade, never morph through other values
            self.say(said, [value_to(epsilon, e, 1.8), FadeOut(rows, run_time=0.9), FadeIn(new_rows, run_time=1.8),
                            n_line[0].animate(run_time=1.8).become(new_line[0]), FadeOut(n_line[1], run_time=0.9),
                            FadeIn(new_line[1], run_time=1.8), *self.recolor(graph_dots, values, limit, e, run_time=1.8)])
            n_line, rows = VGroup(n_line[0], new_line[1]), new_rows
            edge = on_edge(term, limit, e, count)
            if edge:  # a term exactly on the strip's edge is outside: the inequality is strict
                k_edge = edge[0]
                ring = Circle(radius=0.17, color=FOREGROUND, stroke_width=3).move_to(graph_dots[k_edge - 1])
                said = (f"$a_{{{k_edge}}}$ lies exactly on the edge, and the edge is not inside: the inequality is strict." if k == 0 else
                        f"Again $a_{{{k_edge}}}$ sits on the edge, so it is outside.")
                self.say(said, [Create(ring), Indicate(graph_dots[k_edge - 1], color=SECANT, scale_factor=1.6)],
                         *([Indicate(definition[1], color=FOREGROUND, scale_factor=1.05)] if k == 0 else []), FadeOut(ring))

        self.beat("Every epsilon")
        work = sequence_work.strip_entry_work(term, limit)
        l_tex = exact_tex(limit)
        checks = ", ".join(number_tex(e, "step") for e in p.epsilons)
        found = ", ".join(str(work.first_n(e)) for e in p.epsilons)
        lines = VGroup(formula(rf"|a_n - {l_tex}| = \left|{work.difference}\right| = {work.distance}", size=30),
                       formula(rf"{work.distance} < \varepsilon \iff n > {work.threshold}", size=30),
                       formula(rf"N = \left\lfloor {work.threshold} \right\rfloor + 1", size=30, color=ACCENT),
                       formula(rf"\varepsilon = {checks}:\ N = {found}", size=30, color=ACCENT)
                       ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        rise = rows.get_top()[1] - definition.get_top()[1]  # the last strip's numbers go (the lines below list them): room for the work
        lines.next_to(definition, DOWN, buff=0.35, aligned_edge=LEFT).shift(UP * rise)
        self.say(f"Three strips do not prove it; the distance does: $|a_n - {l_tex}| = {work.distance}$.",
                 [FadeOut(rows), definition.animate.shift(UP * rise)], Write(lines[0]))
        self.say(f"And ${work.distance} < \\varepsilon$ exactly when $n > {work.threshold}$.", Write(lines[1]))
        self.say(f"So the first $N$ is the next whole number past ${work.threshold}$: {found.replace(', ', ', then ')}, as the picture showed.",
                 Write(lines[2]), Write(lines[3]), Indicate(lines[3], color=ACCENT, scale_factor=1.0))
        self.beat("Converging")
        result = formula(rf"\lim_{{n \to \infty}} a_n = {l_tex}", size=44, color=TANGENT)
        result.next_to(definition, DOWN, buff=0.6, aligned_edge=LEFT).shift(RIGHT * 0.15)  # in the panel, where the work was
        frame = SurroundingRectangle(result, color=TANGENT, buff=0.12, stroke_width=3)
        self.say(f"That works for every $\\varepsilon > 0$, so $a_n$ converges: its limit is $L = {l_tex}$.",
                 FadeOut(lines), TransformFromCopy(limit_label, result), Create(frame))

    def n_marker(self, axes, to_scene, n: int) -> VGroup:
        top, bottom = axes.y_range[1], axes.y_range[0]
        mark = Line(to_scene([n, bottom])[0], to_scene([n, top])[0], color=ACCENT, stroke_width=3)  # at n = N, the first term inside
        label = formula(f"N = {n}", size=28, color=ACCENT).next_to(mark.get_top(), RIGHT, buff=0.12).shift(DOWN * 0.15)
        return VGroup(mark, label)

    def epsilon_rows(self, e: float, n: int, panel: Panel, anchor) -> VGroup:
        rows = VGroup(formula(rf"\varepsilon = {number_tex(e, 'step')}", size=34, color=TANGENT),
                      formula(rf"N(\varepsilon) = {n}", size=34, color=ACCENT)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        return panel.place(rows, below=anchor, buff=0.4)

    def recolor(self, dots: VGroup, values: np.ndarray, limit: float, e: float, run_time: float = 0.6) -> list:
        inside = np.abs(values - limit) < e
        return [dot.animate(run_time=run_time).set_color(DERIVATIVE if ok else SECANT) for dot, ok in zip(dots, inside)]


def first_labels(line: NumberLine, names, values, color) -> VGroup:
    """"a_1 = 0", "a_2 = 3/2", ... above their dots, raised a level when they would touch a label already placed."""
    placed: list = []
    for (k, value_tex), v in zip(names, values):
        label = formula(rf"a_{{{k}}} = {value_tex}", size=SMALL_SIZE, color=color)
        point = line.n2p(v)
        for lift in range(4):
            label.move_to(point + (0.6 + 0.8 * lift) * UP)
            if all(abs(label.get_x() - o.get_x()) > (label.width + o.width) / 2 + 0.1 or abs(label.get_y() - o.get_y()) > 0.75 for o in placed):
                break
        placed.append(label)
    return VGroup(*placed)


def said_term(shown: str) -> str:
    """The term for the voice and captions: (-1)^n / n on one line (the caption would write ((-1)^n)/n)."""
    return plain(shown).replace(r"\frac{\left(-1\right)^{n}}{n}", r"(-1)^n / n")


def decimals(step: float) -> int:
    digits = 0
    while abs(step * 10**digits - round(step * 10**digits)) > 1e-9 and digits < 6:
        digits += 1
    return digits


def written(term) -> str:
    """The term in LaTeX, with cos(pi n) written as what it is for whole n, (-1)^n."""
    n = term.symbol
    expr = term.expr.xreplace({sympy.cos(sympy.pi * n): (-1) ** n})
    return sympy.latex(expr, order="rev-lex") if expr != term.expr else term.latex


def term_tex(term, n: int) -> str:
    """a_n worked out exactly: a simple fraction as such (3/2), anything else by the number policy (2.594)."""
    value = sympy.nsimplify(term.exact(n))
    if value.is_Rational and value.q <= 12:
        return latex(value)
    return number_tex(float(value))


def exact_tex(x: float) -> str:
    """A term or a limit: exact when it is a simple fraction (2/3, 1), else by the number policy."""
    value = exact(x)
    if value.is_Rational and value.q <= 12:
        return latex(value)
    return number_tex(x)

