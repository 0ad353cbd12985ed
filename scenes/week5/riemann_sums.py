"""Week 5 -- Riemann sums: rectangles under a curve, more and thinner, converge to the integral."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Circle, Create, FadeIn, FadeOut, ReplacementTransform, ValueTracker, VGroup, VMobject, Write

from calcviz import integrals, latex
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, MUTED, NEGATIVE_AREA, POSITIVE_AREA, TANGENT, formula, tex_number, words
from scenes.kit.plotting import SignedArea, fixed_map, graph, make_axes, window_for
from scenes.kit.readouts import live_row

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
AREA_SAMPLES = 400
RECTANGLE_RULES = ("left", "right", "midpoint")  # heights taken at one sample point per cell
MAX_DOT_RADIUS = 0.06
DOT_SHARE = 0.25  # a sample point's radius as a share of its cell's width

SUM_DECIMALS = 4

# Each rule's name, its piece in LaTeX (x*_i is the sample point of cell i), and what it stands on each piece.
RULES = {
    "left": ("left endpoints", r"x_i^* = x_{i-1}", "rectangles as tall as f at the left end of each piece"),
    "right": ("right endpoints", r"x_i^* = x_i", "rectangles as tall as f at the right end of each piece"),
    "midpoint": ("midpoints", r"x_i^* = \tfrac{1}{2}(x_{i-1} + x_i)", "rectangles as tall as f at the middle of each piece"),
    "trapezoid": ("trapezoids", r"\tfrac{1}{2}\left(f(x_{i-1}) + f(x_i)\right)\Delta x", "trapezoids joining the values of f at both ends of each piece"),
    "simpson": ("Simpson", r"\text{parabola through 3 points}", "parabolas through f at the ends and middle of each pair of pieces"),
}


class RiemannSums(LectureScene):
    """Left, right and midpoint sums with n doubling, against the exact signed area."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        exact = integrals.exact_integral(f, lo, hi)
        value = integrals.definite_integral(f, lo, hi)
        self.beat("Title", "How much area lies under a curve? Slice it into thin rectangles and add them up.")
        self.show_title()

        self.beat("Signed area", f"The integral of f from {lo:g} to {hi:g} is the signed area between the graph and the x-axis: area below the axis counts negative.")
        x_window, y_window = window_for(f, lo, hi)
        axes = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        axes.x_axis.numbers.set_z_index(1)  # readable over the areas below the axis
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        integral_tex = rf"\int_{{{tex_number(lo)}}}^{{{tex_number(hi)}}} f(x)\,dx"
        exact_tex = rf" = {latex(exact)}" if exact is not None else ""  # sympy may find no closed form
        answer = VGroup(formula(rf"I = {integral_tex}{exact_tex}", color=ACCENT),
                        formula(rf"\approx {tex_number(value, 6)}", color=ACCENT)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        panel.place(answer, buff=0.35)  # shown later; the question takes its place until then
        question = panel.place(formula(rf"{integral_tex} = \;?"), below=f_label, buff=0.35)
        xs = np.linspace(lo, hi, AREA_SAMPLES)
        area = SignedArea(axes, xs, f(xs))
        signs = VGroup(words("above the axis: $+$", size=30, color=POSITIVE_AREA),
                       words("below the axis: $-$", size=30, color=NEGATIVE_AREA)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        panel.place(signs, buff=0.35)
        self.play(Create(axes), run_time=self.t(1.5))
        self.play(Create(graph(axes, f, color=p.function_color)), Write(f_label), run_time=self.t(2))
        self.play(FadeIn(area), Write(question), FadeIn(signs), run_time=self.t(1.5))
        self.pause(3)

        first = p.rules[0]
        self.beat("Slicing", f"Cut [{lo:g}, {hi:g}] into n equal pieces of width Δx and stand {RULES[first][2]} on them. Add up their signed areas.")
        sums = {rule: [integrals.riemann_sum(f, lo, hi, n, rule=rule) for n in p.n_values] for rule in p.rules}
        n_tracker, sum_tracker = ValueTracker(p.n_values[0]), ValueTracker(sums[first][0].value)
        sum_formula = formula(r"S_n = \sum_{i=1}^{n} f(x_i^*)\,\Delta x", size=34)
        rule_name = words(RULES[first][0], size=30, color=TANGENT)
        rule_tex = formula(RULES[first][1], size=30, color=TANGENT)
        n_row = live_row("n =", n_tracker.get_value, 0, MUTED)
        sum_row = live_row("S_n =", sum_tracker.get_value, SUM_DECIMALS, ACCENT)
        self.play(FadeOut(signs), area.animate.set_opacity(0.12), run_time=self.t(0.8))
        panel.place(sum_formula, below=answer, buff=0.4)
        panel.place(VGroup(rule_name, rule_tex).arrange(RIGHT, buff=0.3), buff=0.3)
        panel.place(VGroup(n_row, sum_row).arrange(RIGHT, buff=0.6, aligned_edge=DOWN), buff=0.35)
        pieces = SumPicture(axes, sums[first][0])
        self.play(Write(sum_formula), FadeIn(rule_name), FadeIn(rule_tex), run_time=self.t(1.5))
        self.play(FadeIn(pieces), FadeIn(n_row), FadeIn(sum_row), run_time=self.t(1.5))
        self.pause(3)

        self.beat("More rectangles", "Double n, again and again. The rectangles hug the curve ever closer, and the sum settles down.")
        for approximation in sums[first][1:]:
            self.refine(pieces, approximation, n_tracker, sum_tracker, run_time=1.5)
            self.pause(1)
        self.pause(1)

        self.beat("The limit", "The sums converge to the integral. sympy finds its exact value; the error of the sum shrinks toward zero.")
        error_tracker = ValueTracker(abs(sums[first][-1].value - value))
        error_row = live_row(r"|S_n - I| =", error_tracker.get_value, SUM_DECIMALS, MUTED)
        panel.place(error_row, below=n_row, buff=0.25)
        self.play(FadeOut(question, shift=0.2 * DOWN), Write(answer), run_time=self.t(1.5))
        self.play(FadeIn(error_row), run_time=self.t(0.8))
        self.pause(3)

        for previous, rule in zip(p.rules, p.rules[1:]):
            name, tex, pieces_phrase = RULES[rule]
            self.beat(name.capitalize(), f"Now the same with {pieces_phrase}. Watch how fast this sum approaches the integral.")
            self.restart(pieces, sums[previous][0], n_tracker, sum_tracker, (error_tracker, value))
            self.pause(0.6)
            new_name = words(name, size=30, color=TANGENT)
            new_tex = formula(tex, size=30, color=TANGENT)
            VGroup(new_name, new_tex).arrange(RIGHT, buff=0.3).move_to(VGroup(rule_name, rule_tex), aligned_edge=LEFT)
            self.play(ReplacementTransform(rule_name, new_name), ReplacementTransform(rule_tex, new_tex), run_time=self.t(0.8))
            rule_name, rule_tex = new_name, new_tex
            self.refine(pieces, sums[rule][0], n_tracker, sum_tracker, run_time=1.5, error=(error_tracker, value))
            self.pause(1.2)
            for approximation in sums[rule][1:]:
                self.refine(pieces, approximation, n_tracker, sum_tracker, run_time=1.0, error=(error_tracker, value))
                self.pause(0.6)
            self.pause(1)

        n_last = p.n_values[-1]
        errors = {rule: abs(sums[rule][-1].value - value) for rule in p.rules}
        best = min(errors, key=errors.get)
        self.beat("Comparison", f"With the same n = {n_last}, the rules differ a lot. Here the smallest error comes from {RULES[best][0]}.")
        table = self.comparison(sums, value, n_last)
        self.play(FadeOut(VGroup(sum_formula, rule_name, rule_tex, n_row, sum_row, error_row)), run_time=self.t(0.8))
        panel.place(table, below=answer, buff=0.5)
        for row in table:
            self.play(FadeIn(row, shift=0.2 * DOWN), run_time=self.t(0.8))
        self.pause(5)

    def restart(self, pieces: "SumPicture", approximation, n_tracker, sum_tracker, error) -> None:
        """Cross-fade back to a coarse sum (morphing many pieces into few would hide most of them)."""
        old = pieces.copy()
        pieces.show(approximation)
        n_tracker.set_value(approximation.n)
        tracker, target = error
        self.add(old)
        self.play(FadeOut(old), FadeIn(pieces), sum_tracker.animate.set_value(approximation.value),
                  tracker.animate.set_value(abs(approximation.value - target)), run_time=self.t(1.2))

    def refine(self, pieces: "SumPicture", approximation, n_tracker, sum_tracker, run_time: float, error=None) -> None:
        """Morph the pieces into ``approximation``'s (each old piece splits into the new ones it covers); the readouts follow."""
        progress = ValueTracker(0.0)
        pieces.start_morph(approximation)
        pieces.add_updater(lambda m: m.morph(progress.get_value()))
        n_tracker.set_value(approximation.n)  # n jumps; the sum slides
        moves = [progress.animate.set_value(1.0), sum_tracker.animate.set_value(approximation.value)]
        if error is not None:
            tracker, target = error
            moves.append(tracker.animate.set_value(abs(approximation.value - target)))
        self.play(*moves, run_time=self.t(run_time))
        pieces.clear_updaters()
        pieces.show(approximation)

    def comparison(self, sums, value: float, n: int) -> VGroup:
        """Rule, its sum with the largest n, and the error, one row per rule."""
        header = VGroup(words("rule", size=28), formula(rf"S_{{{n}}}", size=30), formula(r"|S - I|", size=30)).set_color(MUTED)
        rows = [header]
        for rule, approximations in sums.items():
            last = approximations[-1]
            rows.append(VGroup(words(RULES[rule][0], size=28, color=TANGENT), formula(tex_number(last.value, 6), size=30),
                               formula(tex_number(abs(last.value - value), 2), size=30, color=ACCENT)))
        cells = VGroup(*[cell for row in rows for cell in row])
        cells.arrange_in_grid(rows=len(rows), cols=3, buff=(0.45, 0.25), col_alignments="lrr")
        return VGroup(*rows)


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
            VMobject(fill_color=TANGENT, fill_opacity=1.0, stroke_width=0).set_z_index(2),
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
