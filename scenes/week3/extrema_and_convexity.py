"""Week 3 -- extrema and convexity: f' = 0, the second-derivative test (local extrema), the global extremes of a
closed interval; last, as an aside, the bending the test reads named (convex and concave)."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, Line, Rectangle, VGroup, Write

from calcviz import derivatives, exact, latex
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import (ACCENT, CONCAVE, CONVEX, EDGE, FOREGROUND, LABEL_SIZE, MUTED, ROW_SIZE, TANGENT, formula, words)
from scenes.kit.numbers import number_tex
from scenes.kit.plotting import graph, make_axes, point_at, window_for

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
GLOBAL = FOREGROUND  # the interval's highest and lowest points (local extrema are ACCENT, bending is CONVEX/CONCAVE)
CHORD = FOREGROUND
LOCAL_NAMES = {"minimum": "local minimum", "maximum": "local maximum", "stationary inflection": "no extremum"}


class ExtremaAndConvexity(LectureScene):
    """Critical points from f' = 0, classified by f'' as local extrema; convex and concave stretches named (chords
    above or below the graph); the global extremes of the interval at its endpoints or critical points."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        df, d2f = f.derivative(), f.derivative(2)
        critical = derivatives.critical_points(f, lo, hi)

        self.beat("The function")
        self.show_title()
        x_window, y_window = window_for(f, lo, hi)
        axes = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        curve = graph(axes, f, color=p.function_color)
        (y_lo, y_hi) = axes.y_range[:2]
        ends = VGroup(*[DashedLine(axes.c2p(x, y_lo), axes.c2p(x, y_hi), color=MUTED, stroke_width=2) for x in (lo, hi)])
        self.play(Create(axes), run_time=self.t(1.0))  # the stage, silently, before the voice
        self.say(f"Where does this function take its highest and lowest values, between ${self.x_tex(lo)}$ "
                 f"and ${self.x_tex(hi)}$?",
                 [Create(curve), Write(f_label)], Create(ends), Indicate(ends, color=FOREGROUND, scale_factor=1.0))

        self.beat("Critical points")
        flats = VGroup(*[self.flat_tangent(axes, c) for c in critical])
        dots = VGroup(*[Dot(point_at(axes, c.x, c.y), color=ACCENT, radius=0.07).set_z_index(2) for c in critical])
        df_label = panel.place(formula(rf"f'(x) = {df.latex}", size=ROW_SIZE))
        self.say(f"At a hilltop or a valley floor the tangent is flat: the derivative, $f'(x) = {df.latex}$, is zero.",
                 FadeIn(dots, scale=2), Create(flats), Write(df_label))
        roots = [self.x_tex(c) for c in critical]
        zero_label = panel.place(formula(rf"f'(x) = 0 \;\Rightarrow\; x = {', '.join(roots)}", size=ROW_SIZE), buff=0.3)
        self.say(f"It is zero at {self.said_list(roots)}: the critical points.",
                 Write(zero_label), Indicate(dots, color=ACCENT, scale_factor=1.6))

        self.beat("Second derivative test")
        d2f_label = panel.place(formula(rf"f''(x) = {d2f.latex}", size=ROW_SIZE))
        self.say(f"The second derivative, $f''(x) = {d2f.latex}$, tells them apart: which way the graph bends.",
                 Write(d2f_label), Indicate(flats, color=TANGENT))
        verdicts, tags = VGroup(), VGroup()
        for c, dot in zip(critical, dots):
            x_tex = self.x_tex(c)
            value = d2f.exact(c.exact) if c.exact is not None else exact(d2f(c.x))
            sign = "<" if float(value) < 0 else (">" if float(value) > 0 else "=")
            name = LOCAL_NAMES[c.kind]
            verdict = panel.place(formula(rf"f''({x_tex}) = {latex(value)} {sign} 0 \Rightarrow \text{{{name}}}",
                                          size=ROW_SIZE, color=ACCENT), buff=0.3)
            tag = words(name, size=LABEL_SIZE, color=ACCENT)
            tag.next_to(dot, UP if c.kind == "maximum" else DOWN, buff=0.25)
            verdicts.add(verdict)
            tags.add(tag)
            if sign == "<":
                said = f"At $x = {x_tex}$, $f''$ is negative: the graph bends down, a local maximum."
            elif sign == ">":
                said = f"At $x = {x_tex}$, $f''$ is positive: the graph bends up, a local minimum."
            else:
                said = f"At $x = {x_tex}$ the second derivative is zero, and the test is silent."
            self.say(said, [Write(verdict), FadeIn(tag)], Indicate(dot, color=ACCENT, scale_factor=1.8))
        nearby = VGroup(*[self.nearby_band(axes, c.x) for c in critical])
        self.say("Local: each is the highest or lowest only nearby.",
                 FadeIn(nearby), Indicate(tags, color=ACCENT))

        explanations = VGroup(df_label, zero_label, d2f_label, verdicts)

        self.beat("Global extremes")
        low, high = derivatives.interval_extremes(f, lo, hi)
        local_max = [c for c in critical if c.kind == "maximum"]
        local_min = [c for c in critical if c.kind == "minimum"]
        steps = [FadeOut(explanations), FadeOut(nearby)]
        if local_max and high.at == "endpoint":
            top = local_max[0]
            level = DashedLine(axes.c2p(lo, top.y), axes.c2p(hi, top.y), color=MUTED, stroke_width=2)
            top_tex = latex(f.exact(top.exact)) if top.exact is not None else number_tex(top.y)
            level_label = formula(rf"y = {top_tex}", size=LABEL_SIZE, color=FOREGROUND)
            level_label.next_to(axes.c2p(lo, top.y), UP + RIGHT, buff=0.12)
            self.say(f"But a local maximum need not be the highest value: further along, the graph climbs above "
                     f"${top_tex}$.", steps, [Create(level), FadeIn(level_label)], Indicate(tags[critical.index(top)], color=ACCENT))
            steps = [FadeOut(level), FadeOut(level_label)]
        candidates = [(lo, f(lo))] + [(c.x, c.y) for c in critical if lo < c.x < hi] + [(hi, f(hi))]
        rows = VGroup(*[self.candidate_row(f, x, y, low, high, critical) for x, y in candidates])
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        heading = VGroup(formula(r"\text{compare } f \text{ at the two ends}", size=ROW_SIZE),  # two lines: not shrunk
                         formula(r"\text{and at the critical points}", size=ROW_SIZE)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        panel.place(heading, below=f_label, buff=0.6)
        panel.place(rows, buff=0.3)
        self.say("On a closed interval, compare the values at the critical points and the ends.",
                 steps, Write(heading), FadeIn(rows, shift=0.2 * DOWN))
        extremes = VGroup()
        for point, name in ((high, "global max"), (low, "global min")):
            dot = Dot(point_at(axes, point.x, point.y), color=GLOBAL, radius=0.09).set_z_index(3)
            tag = words(name, size=LABEL_SIZE, color=GLOBAL)
            tag.next_to(dot, LEFT if point.x > (lo + hi) / 2 else RIGHT, buff=0.15)
            extremes.add(VGroup(dot, tag))
        largest = next(r for r in rows if r.extreme == "largest")
        smallest = next(r for r in rows if r.extreme == "smallest")
        self.say(f"So the global maximum is ${number_tex(high.y)}$, {self.where(high, lo, hi)}, "
                 f"and the global minimum ${number_tex(low.y)}$, {self.where(low, lo, hi)}.",
                 Indicate(largest, color=GLOBAL), FadeIn(extremes[0], scale=1.5),
                 Indicate(smallest, color=GLOBAL), FadeIn(extremes[1], scale=1.5))

        self.beat("Recap")
        recap = VGroup(  # each rule on two lines, so the column is not shrunk to fit its width
            self.two_lines(r"f'(x_0) = 0,\ f''(x_0) > 0", r"\Rightarrow \text{local minimum}", ACCENT),
            self.two_lines(r"f'(x_0) = 0,\ f''(x_0) < 0", r"\Rightarrow \text{local maximum}", ACCENT),
            self.two_lines(r"f'(x_0) = 0,\ f''(x_0) = 0", r"\Rightarrow \text{no conclusion}", MUTED),
            VGroup(formula(r"\text{global: compare } f", size=ROW_SIZE, color=GLOBAL),
                   formula(r"\text{at the critical points}", size=ROW_SIZE, color=GLOBAL),
                   formula(r"\text{and at the two ends}", size=ROW_SIZE, color=GLOBAL)).arrange(DOWN, aligned_edge=LEFT, buff=0.12),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        panel.place(recap, below=f_label, buff=0.6)
        self.say("In short: where $f'(x) = 0$, a positive $f''$ means a local minimum, a negative one a local maximum, "
                 "and zero, no conclusion.",
                 [FadeOut(heading), FadeOut(rows)], Write(recap[0]), Write(recap[1]), Write(recap[2]))
        self.say("For the global extremes, compare $f$ at the critical points and the endpoints.",
                 Write(recap[3]), Indicate(extremes, color=GLOBAL))

        self.beat("Convex and concave")
        pieces = derivatives.convexity(f, lo, hi)
        bands = VGroup(*[self.band(axes, piece) for piece in pieces])
        convex = [piece for piece in pieces if piece.kind == "convex"]
        chord_parts = VGroup()

        def chord_steps(kind: str) -> list:
            """A chord across the widest stretch of ``kind``: the curve sags below it (convex) or bulges above it."""
            stretches = [piece for piece in pieces if piece.kind == kind]
            if not stretches:
                return []
            piece = max(stretches, key=lambda c: c.hi - c.lo)
            x1, x2 = (piece.lo + 0.2 * (piece.hi - piece.lo), piece.lo + 0.85 * (piece.hi - piece.lo)) if kind == "convex" else \
                (piece.lo + 0.15 * (piece.hi - piece.lo), piece.lo + 0.8 * (piece.hi - piece.lo))
            chord = Line(point_at(axes, x1, f(x1)), point_at(axes, x2, f(x2)), color=CHORD, stroke_width=4)
            ends = VGroup(*[Dot(point_at(axes, x, f(x)), color=CHORD, radius=0.06) for x in (x1, x2)])
            xm = (x1 + x2) / 2  # halfway along: the gap between the chord and the curve, below or above it
            gap = DashedLine(point_at(axes, xm, (f(x1) + f(x2)) / 2), point_at(axes, xm, f(xm)), color=CHORD, stroke_width=3,
                             dash_length=0.08)
            chord_parts.add(chord, ends, gap)
            return [[FadeIn(ends, scale=2), Create(chord)], Create(gap), Indicate(gap, color=CHORD, scale_factor=1.0)]

        convex_bands = VGroup(*[b for b, piece in zip(bands, pieces) if piece.kind == "convex"])
        concave_bands = VGroup(*[b for b, piece in zip(bands, pieces) if piece.kind != "convex"])
        # the side idea, a closing aside after the result: the bending the test reads has a name (the inflection point is left out)
        self.say("The bending that $f''$ reads has a name: convex where $f'' > 0$, sagging below its chords, and concave where "
                 "$f'' < 0$, bulging above them.",
                 [FadeIn(convex_bands), Indicate(VGroup(recap[0], recap[1]))], *chord_steps("convex")[:2],
                 FadeIn(concave_bands), *chord_steps("concave")[:2])

    @staticmethod
    def nearby_band(axes, x: float) -> Rectangle:
        """A faint band a little either side of a critical point: where 'local' looks."""
        half = 0.06 * (axes.x_range[1] - axes.x_range[0])
        corner_low, corner_high = point_at(axes, x - half, axes.y_range[0]), point_at(axes, x + half, axes.y_range[1])
        return Rectangle(width=corner_high[0] - corner_low[0], height=corner_high[1] - corner_low[1], stroke_width=0,
                         fill_color=ACCENT, fill_opacity=0.12).move_to((corner_low + corner_high) / 2).set_z_index(-2)

    @staticmethod
    def two_lines(first: str, second: str, color: str) -> VGroup:
        """A formula broken after its condition: the consequence on the next line, indented."""
        lines = VGroup(formula(first, size=ROW_SIZE, color=color), formula(second, size=ROW_SIZE, color=color))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        lines[1].shift(0.4 * RIGHT)
        return lines

    @staticmethod
    def x_tex(point) -> str:
        """An abscissa (a critical point or a number) as the screen writes it: exact when known."""
        if hasattr(point, "exact"):
            return latex(point.exact) if point.exact is not None else number_tex(point.x)
        return number_tex(point, "step")

    def where(self, point, lo: float, hi: float) -> str:
        if point.at == "endpoint":
            return "at the left end" if point.x == lo else "at the right end"
        return f"at $x = {number_tex(point.x)}$"

    @staticmethod
    def said_list(items: list[str]) -> str:
        """'$x = -1$ and $x = 1$': the words outside the math, so the captions keep their spaces."""
        said = [f"$x = {item}$" for item in items]
        return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]

    @staticmethod
    def listed(items: list[str]) -> str:
        if len(items) == 1:
            return f"x = {items[0]}"
        return "x = " + ", ".join(items[:-1]) + r" \text{ and } x = " + items[-1]

    def candidate_row(self, f, x, y, low, high, critical) -> VGroup:
        """``f(x) = value`` for one candidate, marked when it is the interval's largest or smallest."""
        point = next((c for c in critical if c.x == x), None)
        x_tex = self.x_tex(point if point is not None else x)
        value = latex(f.exact(point.exact)) if point is not None and point.exact is not None else number_tex(y)
        shown = number_tex(y)
        text = rf"f({x_tex}) = {value}" if value == shown else rf"f({x_tex}) = {value} \approx {shown}"
        mark = r"\quad \text{largest}" if x == high.x else (r"\quad \text{smallest}" if x == low.x else "")
        row = formula(text + mark, size=ROW_SIZE, color=GLOBAL if mark else MUTED)
        row.extreme = "largest" if x == high.x else ("smallest" if x == low.x else "")
        return row

    def flat_tangent(self, axes, point) -> Line:
        half = 0.12 * (axes.x_range[1] - axes.x_range[0])
        return Line(point_at(axes, point.x - half, point.y), point_at(axes, point.x + half, point.y), color=TANGENT, stroke_width=3)

    def band(self, axes, piece) -> VGroup:
        """A tinted vertical band over a convex or concave stretch, labelled at the top."""
        color = CONVEX if piece.kind == "convex" else CONCAVE
        y0, y1 = axes.y_range[0], axes.y_range[1]
        corner_low, corner_high = point_at(axes, piece.lo, y0), point_at(axes, piece.hi, y1)
        box = Rectangle(width=corner_high[0] - corner_low[0], height=corner_high[1] - corner_low[1],
                        stroke_width=0, fill_color=color, fill_opacity=0.12).move_to((corner_low + corner_high) / 2)
        label = words(piece.kind, size=28, color=color).next_to(box.get_top(), DOWN, buff=0.15)
        return VGroup(box.set_z_index(-2), label)

