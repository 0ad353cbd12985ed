"""Week 5 -- Riemann sums: rectangles under a curve, more and thinner, converge to the integral."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, UR, Brace, Circle, Create, DashedLine, DashedVMobject, Dot, FadeIn, FadeOut, GrowFromCenter,
                   Indicate, LaggedStart, Line, Polygon, ReplacementTransform, ValueTracker, VGroup, VMobject, Write, config)

from calcviz import integrals, latex
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import (ACCENT, BACKGROUND, EDGE, FOREGROUND, LABEL_SIZE, MUTED, NEGATIVE_AREA, POSITIVE_AREA, POWER_SIZE, SMALL_SIZE, TANGENT,
                              TICK_SIZE, formula, words)
from scenes.kit.palette import RULE_COLORS
from scenes.kit.numbers import number_tex
from scenes.kit.plotting import SignedArea, fixed_map, graph, make_axes, window_for
from scenes.kit.readouts import live_row

AXES_WIDTH = 6.6
AXES_HEIGHT = 5.6
ERROR_PLOT_WIDTH = 4.6
ERROR_PLOT_HEIGHT = 2.4
BIG_PLOT_WIDTH, BIG_PLOT_HEIGHT = 5.8, 4.6  # the error plot in the function's place, while the errors are compared
REST = 0.4  # seconds of stillness after each doubling
SAMPLE_COLOR = FOREGROUND  # the sample points and the midpoint's straight line: the text colour, so the left rule's colour means it only
FAR_NS = (256, 1024, 4096)  # sums past what the picture can draw: the sequence is seen settling on I
TWIN_RATIO = 1.1  # a rule whose last error is within this factor of an earlier rule's: its line lies on that one
AREA_SAMPLES = 400
RECTANGLE_RULES = ("left", "right", "midpoint")  # heights taken at one sample point per cell
MAX_DOT_RADIUS = 0.06
DOT_SHARE = 0.25  # a sample point's radius as a share of its cell's width

SUM_DECIMALS = 4
LIMIT_DIGITS = 6  # I and the far sums to 5 decimals: one more than S_n, so the far sums' digits compare with I's (1.65364)
ZOOM_WIDTH, ZOOM_HEIGHT = 4.4, 2.9  # the magnified piece, in the error plot's place while the midpoints' reason is told
ERROR_DIGITS = 3  # every error with 3 significant digits (0.0231, 2.69 x 10^-4)

# Each rule's name, its piece in LaTeX (x*_i is the sample point of cell i), and what it stands on each piece.
RULES = {
    "left": ("left endpoints", r"x_i^* = x_{i-1}", "rectangles as tall as f at the left end of each piece"),
    "right": ("right endpoints", r"x_i^* = x_i", "rectangles as tall as f at the right end of each piece"),
    "midpoint": ("midpoints", r"x_i^* = \tfrac{1}{2}(x_{i-1} + x_i)", "rectangles as tall as f at the middle of each piece"),
    "trapezoid": ("trapezoids", r"\tfrac{1}{2}\left(f(x_{i-1}) + f(x_i)\right)\Delta x", "trapezoids joining the values of f at both ends of each piece"),
    "simpson": ("Simpson", r"\text{parabola through 3 points}", "parabolas through f at the ends and middle of each pair of pieces"),
}


class RiemannSums(LectureScene):
    """Left, right and midpoint sums with n doubling: their limit is the integral; the errors on log axes."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        exact = integrals.exact_integral(f, lo, hi)
        value = integrals.definite_integral(f, lo, hi)
        lo_tex, hi_tex = number_tex(lo, "step"), number_tex(hi, "step")
        sums = {rule: [integrals.riemann_sum(f, lo, hi, n, rule=rule) for n in p.n_values] for rule in p.rules}
        errors = {rule: [abs(s.value - value) for s in approximations] for rule, approximations in sums.items()}

        self.beat("Signed area")
        self.show_title()
        x_window, y_window = window_for(f, lo, hi)
        axes = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        axes.x_axis.numbers.set_z_index(1).set_stroke(BACKGROUND, width=4, background=True)  # readable over the areas below the axis
        panel = Panel(left=axes.get_right()[0] + 0.6, top=config.frame_height / 2 - EDGE - 0.1)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        curve = graph(axes, f, color=p.function_color)
        self.play(Create(axes), Create(curve), Write(f_label), run_time=self.t(1.0))
        self.say(f"How much area lies under this curve, from ${lo_tex}$ to ${hi_tex}$?",
                 Indicate(curve, color=p.function_color, scale_factor=1.0))
        integral_tex = rf"\int_{{{lo_tex}}}^{{{hi_tex}}} f(x)\,dx"
        question = panel.place(formula(rf"I = {integral_tex} = \;?", color=ACCENT), buff=0.3)
        xs = np.linspace(lo, hi, AREA_SAMPLES)
        area = SignedArea(axes, xs, f(xs))
        signs = VGroup(words("above the axis: $+$", size=30, color=POSITIVE_AREA),
                       words("below the axis: $-$", size=30, color=NEGATIVE_AREA)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        panel.place(signs, buff=0.35)
        self.say(rf"The integral $I = {integral_tex}$ is the signed area: above the axis it counts plus, below it counts minus.",
                 [FadeIn(area), Write(question)], FadeIn(signs),
                 *[[Indicate(part, color=color, scale_factor=1.0), Indicate(sign, color=color)]
                   for part, sign, color in zip(area, signs, (POSITIVE_AREA, NEGATIVE_AREA))])

        first = p.rules[0]
        self.beat("Slicing")
        n_tracker, sum_tracker = ValueTracker(p.n_values[0]), ValueTracker(sums[first][0].value)
        value_tex = number_tex(value, digits=LIMIT_DIGITS)
        limit_line = formula(rf"I = \lim_{{n \to \infty}} S_n \approx {value_tex}", color=ACCENT)
        panel.place(limit_line, below=f_label, buff=0.3)  # shown later, in the question's place
        exact_line = None
        if exact is not None:
            exact_line = panel.place(formula(rf"= {latex(exact)}, \text{{ from }} {integrals.antiderivative(f).latex}", size=32, color=ACCENT), buff=0.2)
        rule_name = words(RULES[first][0], size=30, color=RULE_COLORS[first])
        rule_tex = formula(RULES[first][1], size=30, color=RULE_COLORS[first])
        rule_row = panel.place(VGroup(rule_name, rule_tex).arrange(RIGHT, buff=0.3), buff=0.35)
        n_row = live_row("n =", n_tracker.get_value, 0, MUTED)
        sum_row = live_row("S_n =", sum_tracker.get_value, SUM_DECIMALS, ACCENT)
        counts = panel.place(VGroup(n_row, sum_row).arrange(RIGHT, buff=0.6, aligned_edge=DOWN), buff=0.3)
        sum_formula = panel.place(formula(r"S_n = \sum_{i=1}^{n} f(x_i^*)\,\Delta x", size=34), buff=0.35)
        width = (hi - lo) / p.n_values[0]
        base = Line(axes.c2p(lo, 0), axes.c2p(lo + width, 0))
        brace = Brace(base, DOWN, buff=0.55, color=MUTED)
        width_tex = rf"\Delta x = \frac{{{number_tex(hi - lo, 'step')}}}{{n}} = {number_tex(width, 'step')}"
        brace_label = formula(width_tex, size=LABEL_SIZE, color=MUTED).next_to(brace, DOWN, buff=0.08)
        cuts = VGroup(*[DashedLine(axes.c2p(x, y_window[0]), axes.c2p(x, y_window[1]), color=MUTED, stroke_width=1.5)
                        for x in np.linspace(lo, hi, p.n_values[0] + 1)])
        self.say(rf"Slice $[{lo_tex}, {hi_tex}]$ into $n = {p.n_values[0]}$ equal pieces, each of width $\Delta x = {number_tex(width, 'step')}$.",
                 [FadeOut(signs), area.animate.set_opacity(0.12)], [Create(cuts), GrowFromCenter(brace), FadeIn(brace_label), FadeIn(n_row)])
        pieces = SumPicture(axes, sums[first][0])
        self.say(f"Stand {RULES[first][2]}.", [FadeIn(pieces), FadeIn(rule_row)])
        self.say("Add up their signed areas.", [Write(sum_formula), FadeIn(sum_row)])

        self.beat("More rectangles")
        half = 1 + (len(p.n_values) - 1) // 2
        self.say(r"Double $n$: the rectangles get thinner and hug the curve.",
                 [FadeOut(cuts), FadeOut(brace), FadeOut(brace_label)],
                 *[step for a in sums[first][1:half] for step in self.refine(pieces, a, n_tracker, sum_tracker, 1.2)])
        self.say("Double it again and again, and the sum settles down.",
                 *[step for a in sums[first][half:] for step in self.refine(pieces, a, n_tracker, sum_tracker, 1.0)])

        self.beat("The limit")
        far = VGroup(*[formula(rf"S_{{{n}}} = {number_tex(integrals.riemann_sum(f, lo, hi, n, rule=first).value, digits=LIMIT_DIGITS)}",
                               size=34, color=ACCENT) for n in FAR_NS if n > p.n_values[-1]])
        panel.place(far.arrange(DOWN, aligned_edge=LEFT, buff=0.15), below=sum_formula, buff=0.35)  # where the error plot comes later
        self.say(rf"Past what we can draw, the sums settle on a limit: the integral, $I \approx {value_tex}$.",
                 LaggedStart(*[FadeIn(row, shift=0.15 * DOWN) for row in far], lag_ratio=0.6),
                 [FadeOut(question, shift=0.2 * DOWN), Write(limit_line)], Indicate(limit_line, color=ACCENT))
        if exact_line is not None:
            self.say(rf"Its exact value, ${spoken_tex(latex(exact))}$, comes from the antiderivative ${spoken_tex(integrals.antiderivative(f).latex)}$, "
                     "as the fundamental theorem will show.", Write(exact_line))
        plot = self.error_axes(errors, p.n_values)
        plot.next_to(counts, DOWN, buff=1.15).align_to(counts, LEFT).shift(0.1 * RIGHT)  # room above it for the table at the end
        twins = {rule: next((r for r in p.rules[:i] if twin_errors(errors[rule], errors[r])), None) for i, rule in enumerate(p.rules)}
        series = {rule: self.error_series(plot, p.n_values, errors[rule], RULE_COLORS[rule], dashed=twins[rule] is not None) for rule in p.rules}
        legend = self.legend(plot, p.rules, twins)
        self.say(r"To see how fast, plot the error $|S_n - I|$ against $n$ on log scales.",
                 [FadeOut(sum_formula), FadeOut(far), Create(plot)],
                 [LaggedStart(*[FadeIn(dot) for dot in series[first][1]], lag_ratio=0.3), FadeIn(legend[first])],
                 Create(series[first][0]))

        for previous, rule in zip(p.rules, p.rules[1:]):
            name, tex, pieces_phrase = RULES[rule]
            self.beat(name.capitalize())
            new_name = words(name, size=30, color=RULE_COLORS[rule])
            new_tex = formula(tex, size=30, color=RULE_COLORS[rule])
            VGroup(new_name, new_tex).arrange(RIGHT, buff=0.3).move_to(rule_row, aligned_edge=LEFT)
            self.say(f"Now the same with {pieces_phrase}.",
                     *self.restart(pieces, sums[rule][0], n_tracker, sum_tracker),
                     [ReplacementTransform(rule_name, new_name), ReplacementTransform(rule_tex, new_tex), FadeIn(series[rule][1][0]), FadeIn(legend[rule])])
            rule_name, rule_tex = new_name, new_tex
            line, dots = series[rule]
            steps = [step for a, dot in zip(sums[rule][1:], dots[1:]) for step in self.refine(pieces, a, n_tracker, sum_tracker, 0.8, dot)]
            faster = factor(errors[rule]) > max(factor(errors[r]) for r in p.rules[:p.rules.index(rule)])
            if faster:
                said = "Double $n$ again: these errors fall much faster."
            elif twins[rule] is not None:  # said, and drawn dashed over the other: two lines that coincide are otherwise one
                said = f"Double $n$ again: the {short(rule)} errors soon land almost on the {short(twins[rule])} ones."
            else:
                said = "Double $n$ again, and each error joins the plot."
            self.say(said, *steps, Create(line))

        self.beat("Comparison")
        by_factor, rules_by_factor = {}, {}
        for rule in p.rules:
            by_factor.setdefault(factor(errors[rule]), []).append(RULES[rule][0])
            rules_by_factor.setdefault(factor(errors[rule]), []).append(rule)
        parts = [f"{joined(names)} errors by ${k}$" for k, names in sorted(by_factor.items(), reverse=True)]  # one cue: no list broken
        # the factor is read off the last doubling (see factor): at small n an error may even grow, so say "for large n"
        # the errors are the subject now: their plot takes the function's place, at full size
        picture = VGroup(axes, curve, area, pieces)
        def view(plot, series, legend):
            return VGroup(plot, *[part for rule in p.rules for part in (series[rule][0], *series[rule][1], legend[rule])])

        small = view(plot, series, legend)
        big_plot = self.error_axes(errors, p.n_values, BIG_PLOT_WIDTH, BIG_PLOT_HEIGHT).move_to(axes)
        big_series = {rule: self.error_series(big_plot, p.n_values, errors[rule], RULE_COLORS[rule], dashed=twins[rule] is not None) for rule in p.rules}
        big = view(big_plot, big_series, self.legend(big_plot, p.rules, twins))
        small_again = small.copy()
        marks = factor_marks(big_series, errors, rules_by_factor)  # the factor said, written on the plot at the last doubling
        self.say("For large $n$, doubling divides " + ", ".join(parts) + ".",
                 [FadeOut(picture), ReplacementTransform(small, big)],
                 *[[*[Indicate(VGroup(*big_series[rule][1][-2:]), color=RULE_COLORS[rule], scale_factor=1.6) for rule in rules_by_factor[k]],
                    FadeIn(marks[k])] for k in sorted(rules_by_factor, reverse=True)])
        marks = VGroup(*marks.values())
        back = [ReplacementTransform(big, small_again), FadeIn(picture), FadeOut(marks)]  # the function's picture again, for the result
        if "midpoint" in p.rules:  # the error plot makes way for the magnified piece, and comes back with the result
            self.midpoint_reason(axes, f, pieces, sums["midpoint"], n_tracker, sum_tracker, [FadeOut(big), FadeOut(marks), FadeIn(picture)],
                                 counts, p.function_color)
            back = [FadeIn(small_again)]
        n_last = p.n_values[-1]
        table = self.comparison(sums, errors, n_last)
        table.move_to(rule_row, aligned_edge=UP + LEFT)
        best = min(p.rules, key=lambda rule: errors[rule][-1])
        self.say(f"With $n = {n_last}$, {RULES[best][0]} are closest to the integral, "
                 rf"within ${number_tex(errors[best][-1], 'error', digits=ERROR_DIGITS)}$.",
                 [FadeOut(VGroup(rule_name, rule_tex, counts)), *(back or [])], FadeIn(table, shift=0.2 * DOWN),
                 Indicate(table[1 + list(p.rules).index(best)], color=RULE_COLORS[best]))

    def midpoint_reason(self, axes, f, pieces, midpoint_sums, n_tracker, sum_tracker, back, counts, function_color) -> None:
        """Why midpoints win: on a thin piece f is nearly its tangent line, and the midpoint rectangle's top
        cuts that line into two equal triangles, one gained and one lost; shown on the piece magnified."""
        coarse = midpoint_sums[min(1, len(midpoint_sums) - 1)]
        slopes = np.abs(f.derivative()(coarse.sample_x)) * (coarse.heights > 0)  # a piece above the axis, as steep as any
        k = int(np.argmax(slopes))
        m, height = float(coarse.sample_x[k]), float(coarse.heights[k])
        half = (coarse.b - coarse.a) / coarse.n / 2
        left, right = m - half, m + half
        slope = float(f.derivative()(m))
        rise = slope * half
        # the window magnified: the piece and a margin, from the axis to above the tangent and the curve
        x0, x1 = left - 0.15 * half, right + 0.15 * half
        xs = np.linspace(x0, x1, 120)
        ys = f(xs)
        y0 = min(0.0, height - abs(rise) * 1.15, float(ys.min()))
        y1 = max(height + abs(rise) * 1.15, float(ys.max()))
        pad = 0.06 * (y1 - y0)
        y0, y1 = y0 - pad, y1 + pad
        frame = VMobject(stroke_color=MUTED, stroke_width=2).set_points_as_corners(
            [ORIGIN, ZOOM_HEIGHT * UP, ZOOM_HEIGHT * UP + ZOOM_WIDTH * RIGHT, ZOOM_WIDTH * RIGHT, ORIGIN])
        frame.next_to(counts, DOWN, buff=0.9).align_to(counts, LEFT)
        corner = frame.get_corner(DOWN + LEFT)

        def zoom(x, y):
            return corner + np.array([(x - x0) / (x1 - x0) * ZOOM_WIDTH, (y - y0) / (y1 - y0) * ZOOM_HEIGHT, 0.0])

        def zoomed_polygon(points, color, opacity):
            return Polygon(*[zoom(*point) for point in points], color=color, fill_color=color, fill_opacity=opacity, stroke_width=1.5)

        # left of the midpoint the tangent runs under the top when it rises: that triangle is counted but not under the tangent
        left_triangle = [(left, height), (m, height), (left, height - rise)]
        right_triangle = [(m, height), (right, height), (right, height + rise)]
        gained_points, lost_points = (left_triangle, right_triangle) if rise > 0 else (right_triangle, left_triangle)
        gained = zoomed_polygon(gained_points, POSITIVE_AREA, 0.85).set_z_index(3)
        lost = zoomed_polygon(lost_points, NEGATIVE_AREA, 0.85).set_z_index(3)
        gained_label = words("gained", size=SMALL_SIZE, color=POSITIVE_AREA)
        lost_label = words("lost", size=SMALL_SIZE, color=NEGATIVE_AREA)
        # each name beside its triangle, across the tangent from it: never on a fill of its own colour
        lower_left, upper_right = zoom(left + 0.75 * half, height - 0.95 * abs(rise)), zoom(right - 0.75 * half, height + 0.95 * abs(rise))
        lower_right, upper_left = zoom(right - 0.75 * half, height - 0.95 * abs(rise)), zoom(left + 0.75 * half, height + 0.95 * abs(rise))
        gained_label.move_to(lower_left if rise > 0 else lower_right)
        lost_label.move_to(upper_right if rise > 0 else upper_left)
        rectangle = zoomed_polygon([(left, max(y0, 0.0)), (left, height), (right, height), (right, max(y0, 0.0))], POSITIVE_AREA, 0.2)
        curve = VMobject(stroke_color=function_color, stroke_width=4).set_points_as_corners([zoom(x, y) for x, y in zip(xs, ys)]).set_z_index(2)
        ends = (x0 + 0.05 * half, x1 - 0.05 * half)
        zoomed_tangent = Line(zoom(ends[0], height + slope * (ends[0] - m)), zoom(ends[1], height + slope * (ends[1] - m)),
                              color=TANGENT, stroke_width=4).set_z_index(4)
        tangent_label = words("tangent", size=SMALL_SIZE, color=TANGENT).next_to(zoomed_tangent.get_end(), LEFT, buff=0.15).shift(0.3 * UP)
        sample = Dot(zoom(m, height), radius=0.07, color=SAMPLE_COLOR).set_z_index(5)
        heading = words("one piece, magnified", size=SMALL_SIZE, color=MUTED).next_to(frame, UP, buff=0.12).align_to(frame, LEFT)
        zoomed = VGroup(rectangle, curve, sample, heading)
        if y0 < 0 < y1:
            zoomed.add(Line(zoom(x0, 0.0), zoom(x1, 0.0), color=MUTED, stroke_width=2))
        # on the plot: the tangent over the piece, and a box round the window, tied to the magnified frame
        line = Line(axes.c2p(left, height - rise), axes.c2p(right, height + rise), color=TANGENT, stroke_width=4).set_z_index(3)
        box = VMobject(stroke_color=MUTED, stroke_width=2).set_points_as_corners(
            [axes.c2p(x0, y0), axes.c2p(x0, y1), axes.c2p(x1, y1), axes.c2p(x1, y0), axes.c2p(x0, y0)]).set_z_index(3)
        ties = VGroup(DashedLine(axes.c2p(x1, y1), frame.get_corner(UP + LEFT), color=MUTED, stroke_width=1.5),
                      DashedLine(axes.c2p(x1, y0), frame.get_corner(DOWN + LEFT), color=MUTED, stroke_width=1.5))
        self.say("Why do midpoints win? Over a piece, the curve stays close to its tangent at the midpoint.",
                 back, *self.restart(pieces, coarse, n_tracker, sum_tracker),
                 [Create(box), Create(ties), Create(frame), FadeIn(zoomed)], [Create(line), Create(zoomed_tangent), FadeIn(tangent_label)])
        self.say("The rectangle's top cuts that tangent into two equal triangles: one gained, one lost.",
                 [FadeIn(gained), FadeIn(gained_label)], [FadeIn(lost), FadeIn(lost_label)], [Indicate(gained, color=POSITIVE_AREA, scale_factor=1.05), Indicate(lost, color=NEGATIVE_AREA, scale_factor=1.05)])
        self.say("Only the bending is left as error, and it shrinks much faster.",
                 Indicate(curve, color=function_color, scale_factor=1.0),
                 [FadeOut(VGroup(line, box, ties, frame, zoomed, zoomed_tangent, tangent_label, gained, lost, gained_label, lost_label))],
                 *self.refine(pieces, midpoint_sums[-1], n_tracker, sum_tracker, 1.5))

    def restart(self, pieces: "SumPicture", approximation, n_tracker, sum_tracker) -> list:
        """Steps that cross-fade back to a coarse sum (morphing many pieces into few would hide most of them)."""
        old = pieces.copy()

        def swap():  # n and S_n turn to the new sum at once: a slide would pass through sums of nothing drawn
            pieces.show(approximation)
            n_tracker.set_value(approximation.n)
            sum_tracker.set_value(approximation.value)
            self.add(old)

        return [swap, [FadeOut(old, run_time=1.2), FadeIn(pieces, run_time=1.2)], lambda: self.remove(old)]

    def refine(self, pieces: "SumPicture", approximation, n_tracker, sum_tracker, run_time: float, dot=None) -> list:
        """Steps that morph the pieces into ``approximation``'s (each old piece splits into the new ones it covers);
        the sum slides with the pieces' area, and n turns to the new count halfway, as the pieces split:
        both in the morph's own step (a readout that changed after the picture read as lagging)."""
        progress = ValueTracker(0.0)
        before = []  # n when the morph begins (the steps are built before any of them runs)

        def follow(m):
            m.morph(progress.get_value())
            done = progress.get_value() >= 0.5  # n and S_n turn together: no sum shown that no Riemann sum takes
            n_tracker.set_value(approximation.n if done else before[0])
            sum_tracker.set_value(approximation.value if done else before[1])

        def begin():
            before.extend([n_tracker.get_value(), sum_tracker.get_value()])
            pieces.start_morph(approximation)
            pieces.add_updater(follow)

        def end():
            pieces.clear_updaters()
            pieces.show(approximation)
            n_tracker.set_value(approximation.n)
            sum_tracker.set_value(approximation.value)

        moves = [value_to(progress, 1.0, run_time)]
        if dot is not None:
            moves.append(FadeIn(dot, run_time=run_time))
        return [begin, moves, end, REST]  # a still after each doubling: the eye reads it, and still frames cost nothing

    def error_axes(self, errors, ns, width: float = ERROR_PLOT_WIDTH, height: float = ERROR_PLOT_HEIGHT) -> VGroup:
        """Axes for log2 n across and log10 |S_n - I| up, ticked with n and powers of ten."""
        top = int(np.ceil(np.log10(max(max(e) for e in errors.values()))))
        bottom = int(np.floor(np.log10(min(min(e) for e in errors.values()))))
        x0, x1 = np.log2(ns[0]), np.log2(ns[-1])
        # plotted as (log2 n - x0 + 1, log10 error - bottom): both axes cross at the lower left, a tick under each n
        axes = make_axes((0, x1 - x0 + 1.4, 1), (0, top - bottom, 1), width, height,
                         x_label="n", y_label=r"|S_n - I|", numbers=False)
        axes.log_origin = (x0 - 1, bottom)
        labels = VGroup(*[formula(number_tex(n, "count"), size=TICK_SIZE, color=MUTED).next_to(self.log_point(axes, n, 1.0), DOWN, buff=0.12)
                          .set_y(axes.c2p(0, 0)[1] - 0.3) for n in ns])
        labels.add(*[formula(f"10^{{{k}}}", size=POWER_SIZE, color=MUTED).next_to(axes.c2p(0, k - bottom), LEFT, buff=0.1)
                     for k in range(bottom, top + 1)])
        axes.add(labels)
        return axes

    @staticmethod
    def log_point(axes, n: float, error: float):
        x_shift, y_shift = axes.log_origin
        return axes.c2p(np.log2(n) - x_shift, np.log10(error) - y_shift)

    def error_series(self, plot, ns, errors, color: str, dashed: bool = False):
        points = [self.log_point(plot, n, e) for n, e in zip(ns, errors)]
        dots = [Dot(point, radius=0.05, color=color).set_z_index(2) for point in points]
        line = VMobject(stroke_color=color, stroke_width=2.5).set_points_as_corners(points)
        if dashed:  # over a line it nearly coincides with: both stay visible
            line = DashedVMobject(line.set_stroke(width=3.5), num_dashes=40, dashed_ratio=0.55).set_z_index(1)
        return line, dots

    def legend(self, plot, rules, twins) -> dict:
        """One entry per rule, a short stroke in its line's style and its name, stacked in the plot's upper right."""
        entries = {}
        for rule in rules:
            sample = Line(ORIGIN, 0.45 * RIGHT, color=RULE_COLORS[rule], stroke_width=3)
            if twins[rule] is not None:
                sample = DashedVMobject(sample.set_stroke(width=3.5), num_dashes=3, dashed_ratio=0.55)
            entries[rule] = VGroup(sample, words(short(rule), size=TICK_SIZE, color=RULE_COLORS[rule])).arrange(RIGHT, buff=0.12)
        column = VGroup(*entries.values()).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        column.move_to(plot.c2p(plot.x_range[1], plot.y_range[1]), aligned_edge=UR).shift(0.05 * DOWN)
        return entries

    def comparison(self, sums, errors, n: int) -> VGroup:
        """Rule, its sum with the largest n, and the error, one row per rule."""
        header = VGroup(words("rule", size=28), formula(rf"S_{{{n}}}", size=30), formula(r"|S_{%d} - I|" % n, size=30)).set_color(MUTED)
        rows = [header]
        for rule, approximations in sums.items():
            rows.append(VGroup(words(RULES[rule][0], size=28, color=RULE_COLORS[rule]),
                               formula(number_tex(approximations[-1].value, digits=SUM_DECIMALS + 1), size=30),
                               formula(number_tex(errors[rule][-1], "error", digits=ERROR_DIGITS), size=30, color=RULE_COLORS[rule])))
        cells = VGroup(*[cell for row in rows for cell in row])
        cells.arrange_in_grid(rows=len(rows), cols=3, buff=(0.45, 0.22), col_alignments="lrr")
        return VGroup(*rows)


def factor_marks(series, errors, rules_by_factor) -> dict:
    """'÷ k' beside each group of rules' last doubling on the error plot: under the lowest line, above the others."""
    best = min(errors, key=lambda rule: errors[rule][-1])
    marks = {}
    for k, rules in rules_by_factor.items():
        below = best in rules
        anchor = best if below else max(rules, key=lambda rule: errors[rule][-1])
        dots = series[anchor][1]
        middle = (dots[-2].get_center() + dots[-1].get_center()) / 2
        marks[k] = formula(rf"\div {k}", size=LABEL_SIZE, color=FOREGROUND).next_to(middle, DOWN if below else UP, buff=0.22)
    return marks


def spoken_tex(tex: str) -> str:
    """sympy's LaTeX as the voice and the captions take it: cos(4), not cos(4 )."""
    return tex.replace(r" \right)", r"\right)")


def factor(errors) -> int:
    """How much the error shrinks when n doubles, from the last two sums (2 for left and right, 4 for midpoints)."""
    return int(round(errors[-2] / errors[-1]))


class SumPicture(VGroup):
    """A sum's pieces from calcviz (so picture and number agree), coloured by the sign of their area.

    All positive pieces are one path of many subpaths, all negative ones
    another, and the sample points a third: three draws a frame however
    large n is, which keeps the morphs between sums cheap.
    """

    def __init__(self, axes, approximation) -> None:
        super().__init__(
            VMobject(fill_color=POSITIVE_AREA, fill_opacity=0.5, stroke_color=POSITIVE_AREA, stroke_width=1.5),
            VMobject(fill_color=NEGATIVE_AREA, fill_opacity=0.5, stroke_color=NEGATIVE_AREA, stroke_width=1.5),
            VMobject(fill_color=SAMPLE_COLOR, fill_opacity=1.0, stroke_width=0).set_z_index(2),
        )
        self.to_scene = fixed_map(axes)
        self.circle = Circle(radius=1.0).points  # around the origin
        self.unit_width = axes.x_length / (axes.x_range[1] - axes.x_range[0])  # scene length of one x unit
        self.show(approximation)

    def show(self, approximation) -> None:
        self.current = approximation
        self.draw(stacked(approximation.shapes), np.sign(approximation.signed_areas), *self.samples(approximation))

    def start_morph(self, target) -> None:
        """Pair each of ``target``'s pieces with the current piece it grows out of."""
        source = self.current
        count, old_count = len(target.shapes), len(source.shapes)
        size = max(len(shape) for shape in (*source.shapes, *target.shapes))
        self.starts = stacked([source.shapes[old_count * i // count] for i in range(count)], size)
        self.ends = stacked(target.shapes, size)
        old_points, old_radius = self.samples(source)
        new_points, new_radius = self.samples(target)
        if len(new_points) and len(old_points) == old_count:  # sample points slide from the old pieces' ones
            old_points = old_points[[old_count * i // len(new_points) for i in range(len(new_points))]]
        else:
            old_points, old_radius = new_points, new_radius
        self.dot_pairs = (old_points, old_radius, new_points, new_radius)

    def morph(self, t: float) -> None:
        shapes = (1 - t) * self.starts + t * self.ends
        old_points, old_radius, new_points, new_radius = self.dot_pairs
        # a piece changes colour as it crosses the axis
        self.draw(shapes, np.sign(orientations(shapes)), (1 - t) * old_points + t * new_points, (1 - t) * old_radius + t * new_radius)

    def samples(self, approximation) -> tuple[np.ndarray, float]:
        """The sample points of a rectangle rule (none for the others) and a dot radius that fits a cell."""
        if approximation.rule not in RECTANGLE_RULES:
            return np.zeros((0, 2)), 0.0
        cell = self.unit_width * (approximation.b - approximation.a) / approximation.n
        return np.column_stack([approximation.sample_x, approximation.heights]), min(MAX_DOT_RADIUS, DOT_SHARE * cell)

    def draw(self, shapes: np.ndarray, signs: np.ndarray, dots: np.ndarray, radius: float) -> None:
        """``shapes`` is (pieces, corners, 2) in graph coordinates; each becomes a closed subpath of its sign's path."""
        positive, negative, points = self.submobjects
        closed = np.concatenate([shapes, shapes[:, :1]], axis=1)
        corners = self.to_scene(closed.reshape(-1, 2)).reshape(len(shapes), -1, 3)
        starts, ends = corners[:, :-1], corners[:, 1:]
        step = (ends - starts) / 3
        curves = np.stack([starts, starts + step, ends - step, ends], axis=2)  # (pieces, edges, 4, 3)
        for part, sign in ((positive, 1), (negative, -1)):
            part.points = curves[signs == sign].reshape(-1, 3)
        centres = self.to_scene(dots) if len(dots) else np.zeros((0, 3))
        points.points = (centres[:, None, :] + radius * self.circle[None, :, :]).reshape(-1, 3)


def orientations(shapes: np.ndarray) -> np.ndarray:
    """Twice the shoelace area of each polygon: positive counter-clockwise, which is how calcviz orders pieces above the axis."""
    x, y = shapes[..., 0], shapes[..., 1]
    return np.sum(x * np.roll(y, -1, axis=1) - y * np.roll(x, -1, axis=1), axis=1)


def stacked(shapes, size: int | None = None) -> np.ndarray:
    """The polygons as one (pieces, corners, 2) array, smaller ones given extra points on their edges."""
    size = max(len(shape) for shape in shapes) if size is None else size
    return np.stack([densified(np.asarray(shape, dtype=float), size) for shape in shapes])


def densified(polygon: np.ndarray, size: int) -> np.ndarray:
    """The closed polygon with points added along its longest edges until it has ``size`` corners; its shape is unchanged."""
    extra = size - len(polygon)
    if extra <= 0:
        return polygon
    edges = np.roll(polygon, -1, axis=0) - polygon
    lengths = np.hypot(edges[:, 0], edges[:, 1]) + 1e-12
    shares = np.floor(extra * lengths / lengths.sum()).astype(int)
    leftovers = np.argsort(-(extra * lengths / lengths.sum() - shares))[: extra - shares.sum()]
    shares[leftovers] += 1
    points = []
    for corner, edge, share in zip(polygon, edges, shares):
        points.extend(corner + edge * k / (share + 1) for k in range(share + 1))
    return np.array(points)


def short(rule: str) -> str:
    """A rule's one-word name: 'left', 'right', 'midpoint', 'trapezoid', 'Simpson'."""
    return RULES[rule][0].split()[0].removesuffix("s")


def twin_errors(errors, others) -> bool:
    """Whether two rules' errors end within TWIN_RATIO of each other (their lines coincide on log axes)."""
    return max(errors[-1], others[-1]) <= TWIN_RATIO * min(errors[-1], others[-1])


def joined(names: list[str]) -> str:
    """'left endpoints', 'right endpoints' -> 'left and right'; 'midpoints' -> 'midpoint' (before 'errors')."""
    return " and ".join(name.split()[0].removesuffix("s") for name in names)
