"""Week 3 -- linear approximation: up close, a smooth curve is its tangent line, up to an error o(h)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Indicate, Line, Rectangle, ReplacementTransform, ValueTracker, VGroup, VMobject, Write

from calcviz import derivatives, exact, latex
from calcviz.linearization_work import linearization_work
from calcviz.view import centered_window, nice_step, value_window
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, FOREGROUND, LABEL_SIZE, MUTED, SECANT, TANGENT, TICK_SIZE, formula
from scenes.kit.numbers import distinct, number_tex
from scenes.kit.plotting import graph, line_through, make_axes, move_line, point_at, to_scene, window_for
from scenes.kit.readouts import readout

AXES_WIDTH = 7.2
AXES_HEIGHT = 5.4
ERROR = SECANT  # the gap between the curve and its tangent line
MAGNIFIED_LENGTH = 1.6  # the magnified gap's first length on screen: a whole-number magnification near it


class LinearApproximation(LectureScene):
    """Zoom in on a point until the curve and its tangent coincide; estimate with the tangent; the error E(h)
    at a + h shrinks faster than h (plotted against h: the slope E(h)/h from the origin flattens to 0):
    f(a + h) = f(a) + f'(a) h + o(h)."""

    def construct(self) -> None:
        p = self.params
        f, a = p.function, p.point
        a_tex = latex(exact(a))
        linear = derivatives.linear_approximation(f, a)
        slope = f.derivative().exact(exact(a))
        full = self.full_view()
        x_span = full[0].x_range[1] - full[0].x_range[0]
        y_span = full[0].y_range[1] - full[0].y_range[0]
        ratio = nice_step(y_span / x_span, target_ticks=1)  # y-units per x-unit, the same at every zoom

        self.beat("Curve and tangent")
        self.show_title()
        view = full
        panel = Panel.beside(view[0])
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        self.play(Create(view[0]), Create(view[1]), run_time=self.t(1.2))  # the stage, silently, before the voice
        self.say(f"Here is $f(x) = {f.latex}$, and a point on it, at $a = {a_tex}$.",
                 [Write(f_label), Indicate(view[1], color=p.function_color, scale_factor=1.0)],
                 [FadeIn(view[3], scale=2), FadeIn(view[4])])
        work = linearization_work(f, a)
        value_row = panel.place(formula(rf"f({a_tex}) = {work.value_at} = {work.value}"), buff=0.3)
        slope_row = panel.place(formula(rf"f'(x) = {work.derivative}, \quad f'({a_tex}) = {work.slope_at} = {work.slope}"),
                                buff=0.2)
        self.say(f"The tangent there needs two numbers: $f({a_tex}) = {work.value}$, and the slope, "
                 f"$f'({a_tex}) = {work.slope}$.",
                 Write(value_row), Write(slope_row))
        l_label = VGroup(formula(r"L(x) = f(a) + f'(a)(x - a)", color=TANGENT),
                         formula(rf"= {work.substituted} = {linear.latex}", color=TANGENT))
        l_label[1].next_to(l_label[0], DOWN, buff=0.2).align_to(l_label[0], LEFT).shift(0.4 * RIGHT)
        panel.place(l_label, buff=0.3)
        built = l_label
        l_label = formula(rf"L(x) = f(a) + f'(a)(x - a) = {linear.latex}", color=TANGENT)  # the result, kept
        panel.place(l_label, below=f_label, buff=0.35)
        self.say(f"Its tangent line there, $L(x) = {linear.latex}$, is called the linear approximation of $f$ at $a$.",
                 Create(view[2]), Write(built), [FadeOut(VGroup(value_row, slope_row)), ReplacementTransform(built, l_label)])

        self.beat("Zooming in")
        width_label = None
        said = {0: "Zoom in on the point, to a window of width ${w}$: the curve already looks straighter.",
                1: "Width ${w}$: the curve hugs its tangent line.",
                2: "Width ${w}$: curve and line can no longer be told apart."}
        for i, width in enumerate(p.zoom_widths):
            new_view = self.zoom_view(width, ratio)
            new_label = formula(rf"\text{{window width }} {number_tex(width, 'step')}", color=MUTED)
            panel.place(new_label, below=l_label, buff=0.6)
            label_change = FadeIn(new_label) if width_label is None else ReplacementTransform(width_label, new_label)
            text = said[0] if i == 0 else (said[2] if i == len(p.zoom_widths) - 1 else said[1])
            self.say(text.replace("{w}", number_tex(width, "step")), [ReplacementTransform(view, new_view), label_change])
            view, width_label = new_view, new_label

        self.beat("An estimate")
        x0 = p.estimate_at
        estimate, truth = linear(x0), f(x0)
        shown = distinct([estimate, truth])
        x0_tex = number_tex(x0, "step")
        on_line = Dot(point_at(view[0], x0, estimate), color=TANGENT, radius=0.06).set_z_index(2)
        on_curve = Dot(point_at(view[0], x0, truth), color=p.function_color, radius=0.05).set_z_index(3)
        x0_mark = self.x_mark(view[0], x0, rf"{x0_tex}", MUTED)
        estimate_row = formula(rf"f({x0_tex}) \approx L({x0_tex}) = {shown[0]}", color=TANGENT)
        truth_row = formula(rf"f({x0_tex}) = {shown[1]}\ldots", color=p.function_color)
        panel.place(estimate_row, below=l_label, buff=0.6)
        panel.place(truth_row, buff=0.3)
        self.say(f"So near $a$, $f$ is almost $L$, and $L$ is easy to evaluate: "
                 f"$f({x0_tex}) \\approx L({x0_tex}) = {shown[0]}$.",
                 FadeOut(width_label), [FadeIn(x0_mark), FadeIn(on_line, scale=2)], Write(estimate_row))
        self.say(f"The true value is ${shown[1]}$, and on this scale the two points coincide.",
                 [FadeIn(on_curve, scale=2), Write(truth_row)], Indicate(on_curve, color=p.function_color))

        self.beat("The error")
        # most of the way to the interval's end, the "a + h" mark clear of the axis' name
        h_start = 0.8 * (p.interval[1] - a) if p.interval[1] - a >= a - p.interval[0] else -0.8 * (a - p.interval[0])
        h = ValueTracker(h_start)
        back = self.full_view()
        axes = back[0]

        def at():
            return a + h.get_value()

        gap = Line(point_at(axes, at(), linear(at())), point_at(axes, at(), f(at())), color=ERROR, stroke_width=5)
        gap.add_updater(lambda m: move_line(m, point_at(axes, at(), linear(at())), point_at(axes, at(), f(at()))))
        gap_label = formula("E(h)", size=LABEL_SIZE, color=ERROR)
        gap_label.add_updater(lambda m: m.next_to(gap, (RIGHT if h.get_value() > 0 else LEFT) + DOWN, buff=0.08))
        ah_mark = self.x_mark(axes, at, "a + h", MUTED)
        ah_dots = VGroup(Dot(color=TANGENT, radius=0.05), Dot(color=p.function_color, radius=0.05)).set_z_index(2)
        ah_dots.add_updater(lambda m: (m[0].move_to(point_at(axes, at(), linear(at()))),
                                       m[1].move_to(point_at(axes, at(), f(at())))))
        definition = formula(r"E(h) = f(a+h) - L(a+h)", color=ERROR)
        panel.place(definition, below=l_label, buff=0.6)
        h_value = readout(h_start, decimals=3)
        h_value.add_updater(lambda m: m.set_value(h.get_value()))
        e_value = readout(f(a + h_start) - linear(a + h_start), decimals=5, color=ERROR)  # the table's digits at h = 1
        e_value.add_updater(lambda m: m.set_value(f(at()) - linear(at())))
        h_row = panel.place(VGroup(formula("h ="), h_value).arrange(RIGHT, buff=0.2), buff=0.35)
        e_row = panel.place(VGroup(formula("E(h) =", color=ERROR), e_value).arrange(RIGHT, buff=0.2), buff=0.25)
        self.say("How far off is the line? One step $h$ away, at $a + h$, the gap between curve and line is the error "
                 "$E(h) = f(a+h) - L(a+h)$.",
                 [FadeOut(VGroup(estimate_row, truth_row, on_line, on_curve, x0_mark)), ReplacementTransform(view, back)],
                 [FadeIn(ah_mark), FadeIn(ah_dots), FadeIn(h_row)], [Create(gap), FadeIn(gap_label)],
                 [Write(definition), FadeIn(e_row)])  # h and E(h) read from the start
        self.tie(h, gap, gap_label, ah_mark, ah_dots, h_value, e_value)
        end = p.h_values[0] if h_start > 0 else -p.h_values[0]
        magnified = self.magnifier(axes, f, linear, at, panel, VGroup(h_row, e_row))
        self.say(f"On the right, the same gap, magnified ${number_tex(magnified.times, 'step')}$ times.",
                 FadeIn(magnified, shift=0.2 * RIGHT), Indicate(VGroup(gap, magnified.bar), color=ERROR, scale_factor=1.0))
        self.tie(h, magnified)
        self.say("Let $h$ shrink: the error bar shrinks with it.",
                 value_to(h, (h_start + end) / 2, 2.5), value_to(h, end, 2.5), Indicate(e_value, color=ERROR))

        self.beat("Faster than h")
        for m in (gap, gap_label, ah_mark, ah_dots, h_value, e_value):
            m.clear_updaters()
        magnified.clear_updaters()
        k = ValueTracker(h_start)  # h again, on the error's own plot
        inset = self.error_plot(f, a, h_start)
        e_axes, e_curve = inset[0], inset[1]

        def error_at(h_now: float):
            return derivatives.approximation_errors(f, a, [h_now])[0]

        def corner():
            return point_at(e_axes, k.get_value(), error_at(k.get_value()).error)

        ratio_value = readout(error_at(h_start).ratio, decimals=4, size=LABEL_SIZE + 4)
        ratio_value.add_updater(lambda m: m.set_value(error_at(k.get_value()).ratio))
        ratio_row = VGroup(formula(r"\frac{E(h)}{h} =", size=LABEL_SIZE + 4), ratio_value).arrange(RIGHT, buff=0.15)
        panel.place(ratio_row, below=definition, buff=0.5)  # the ratio's readout in the panel; its plot takes the big graph's place
        origin = point_at(e_axes, 0, 0)
        ray = Line(origin, corner(), color=FOREGROUND, stroke_width=3)
        ray.add_updater(lambda m: move_line(m, origin, corner()))
        tip = Dot(corner(), color=ERROR, radius=0.06).set_z_index(2)
        tip.add_updater(lambda m: m.move_to(corner()))
        self.say("To see how fast, plot the error $E(h)$ against $h$: near zero, it hugs the $h$ axis.",
                 FadeOut(VGroup(h_row, e_row, gap, gap_label, ah_mark, ah_dots, back, magnified), run_time=0.5), Create(e_axes),
                 Create(e_curve), Indicate(e_curve, color=ERROR, scale_factor=1.0))
        self.say("The ratio $\\frac{E(h)}{h}$ is the slope of the line from the origin to the curve.",
                 [FadeIn(tip, scale=2), Create(ray)], FadeIn(ratio_row), Indicate(ray, color=FOREGROUND, scale_factor=1.0))
        self.tie(k, ray, tip, ratio_value)
        shrink = [value_to(k, v, 2.0) for v in p.h_values[:2] if v < h_start]
        self.say("As $h$ shrinks toward zero, that line lies down flat: the ratio goes to zero too.",
                 *shrink, Indicate(ratio_value, color=ERROR))
        little_o = formula(r"E(h) = o(h)", color=ERROR)
        panel.place(little_o, below=definition, buff=0.3)
        self.say("That is what $E(h) = o(h)$ means: the error is small even compared with $h$.",
                 [FadeOut(VGroup(inset, ray, tip, ratio_row)), Write(little_o)], [FadeIn(back), Indicate(little_o, color=ERROR)])
        summary = formula(r"f(a+h) = f(a) + f'(a)\,h + o(h)", color=FOREGROUND)
        panel.place(summary, buff=0.5)
        self.say(f"So $f(a+h) = f(a) + f'(a)h + o(h)$: near $a$, a differentiable function is its tangent line, "
                 "up to an error that vanishes faster than $h$.",
                 Write(summary), Indicate(back[2], color=TANGENT), Indicate(little_o, color=ERROR))

    def magnifier(self, axes, f, linear, at, panel, rows) -> VGroup:
        """The gap between line and curve at a + h, copied beside the readouts ``times`` larger (a whole number,
        so the first gap is about MAGNIFIED_LENGTH long), in a frame: the bar the graph draws a pixel thin."""
        def gap_vector():
            return point_at(axes, at(), f(at())) - point_at(axes, at(), linear(at()))

        first = gap_vector()
        times = max(2, int(round(MAGNIFIED_LENGTH / max(abs(first[1]), 1e-6))))
        down = first[1] < 0  # the curve below the line: the bar hangs from the line's dot
        frame_height = MAGNIFIED_LENGTH + 0.5
        left = rows.get_right()[0] + 0.5
        top = rows.get_top()[1]
        frame = Rectangle(width=1.6, height=frame_height, color=MUTED, stroke_width=2)
        frame.move_to([left + 0.8, top - frame_height / 2, 0])
        anchor = frame.get_top() + 0.25 * DOWN if down else frame.get_bottom() + 0.25 * UP
        anchor = anchor + 0.3 * LEFT
        bar = Line(anchor, anchor + times * first, color=ERROR, stroke_width=5)
        ends = VGroup(Dot(anchor, color=TANGENT, radius=0.05), Dot(anchor + times * first, color=self.params.function_color,
                                                                   radius=0.05)).set_z_index(2)
        label = formula(rf"\times {number_tex(times, 'step')}", size=LABEL_SIZE, color=MUTED).next_to(frame.get_corner(UP + RIGHT), DOWN + LEFT, buff=0.12)

        def follow(group):
            tip = anchor + times * gap_vector()
            move_line(group.bar, anchor, tip)
            group.ends[1].move_to(tip)

        group = VGroup(frame, bar, ends, label)
        group.bar, group.ends, group.times = bar, ends, times
        group.add_updater(follow)
        return group

    def full_view(self) -> VGroup:
        p = self.params
        x_window, y_window = window_for(p.function, *p.interval)
        return self.view(x_window, y_window)

    def zoom_view(self, width: float, ratio: float) -> VGroup:
        """The window of exactly ``width`` around (a, f(a)), ``ratio`` y-units per x-unit: a true zoom."""
        p = self.params
        a = p.point
        return self.view(centered_window(a, width), centered_window(p.function(a), width * ratio), numbered=True)

    def view(self, x_window, y_window, numbered: bool = False) -> VGroup:
        """Axes with the curve, the tangent, the point and its name ``a``: one zoom level."""
        p = self.params
        f, a = p.function, p.point
        tangent = derivatives.tangent_line(f, a)
        axes = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT, numbers=not numbered)
        if numbered:  # the ends and the centre, with as many decimals as the ticks need
            for axis, (lo, hi, step) in ((axes.x_axis, x_window), (axes.y_axis, y_window)):
                places = max(0, len(f"{step:.10g}".partition(".")[2]))
                ticks = [lo + k * step for k in range(int(round((hi - lo) / step)) + 1)]
                if axis is axes.y_axis:
                    ticks = ticks[1:]  # the lowest y number would meet the first x number at the corner
                axis.add_numbers(x_values=ticks, font_size=TICK_SIZE, num_decimal_places=places, color=MUTED)
        axes.to_corner(LEFT + DOWN, buff=EDGE)
        x_lo, x_hi = axes.x_range[0], axes.x_range[1]
        view = VGroup(
            axes,
            graph(axes, f, lo=max(x_lo, p.interval[0]), hi=min(x_hi, p.interval[1]), color=p.function_color),
            line_through(axes, a, tangent.y0, tangent.slope, color=TANGENT),
            Dot(point_at(axes, a, tangent.y0), color=ACCENT, radius=0.07).set_z_index(2),
            self.x_mark(axes, a, "a", ACCENT),
        )
        if numbered:  # a zoomed window: framed, so its lower edge is not read as the line y = 0
            low, high = point_at(axes, x_lo, y_window[0]), point_at(axes, x_hi, y_window[1])
            view.add(Rectangle(width=high[0] - low[0], height=high[1] - low[1], color=MUTED, stroke_width=2)
                     .move_to((low + high) / 2))
        return view

    def x_mark(self, axes, x, text: str, color: str) -> VGroup:
        """A tick on the x-axis at ``x`` (a number, or a callable followed as it moves) with its name above it."""
        where = x if callable(x) else (lambda: x)
        tick = Line(UP * 0.12, DOWN * 0.12, color=color, stroke_width=3)
        label = formula(text, size=LABEL_SIZE, color=color)

        def follow(mark):
            at = axes.x_axis.number_to_point(where())
            mark[0].move_to(at)
            mark[1].next_to(mark[0], UP, buff=0.1).set_x(at[0])

        mark = VGroup(tick, label)
        follow(mark)
        if callable(x):
            mark.add_updater(follow)
        return mark

    def error_plot(self, f, a: float, h_max: float) -> VGroup:
        """E(h) = f(a + h) - L(a + h) against h from 0 to ``h_max``, on its own scale (the error is tiny)."""
        rows = derivatives.approximation_errors(f, a, np.linspace(h_max / 200, h_max, 200))
        points = np.array([[0.0, 0.0]] + [[row.h, row.error] for row in rows])
        y_window = value_window(np.concatenate([points[:, 1], [0.0]]), target_ticks=3)
        # as big as the graph it replaces, where it stood: the error's plot is the picture from here on
        axes = make_axes((0, h_max, nice_step(h_max, 4)), y_window, AXES_WIDTH, AXES_HEIGHT * 0.8, x_label="h", y_label="E(h)")
        axes.to_corner(LEFT + DOWN, buff=EDGE)
        if points[1:, 1].mean() < 0:  # the curve runs below the h axis: its numbers above it, off the curve
            for tick in axes.x_axis.numbers:
                if abs(tick.get_value() - h_max) < 1e-9:
                    continue  # at the end the axis' name h sits above; the curve is far below there
                tick.next_to(axes.x_axis.n2p(tick.get_value()), UP, buff=0.15)
        curve = VMobject(stroke_color=ERROR, stroke_width=4).set_points_smoothly(to_scene(axes, points))
        return VGroup(axes, curve)
