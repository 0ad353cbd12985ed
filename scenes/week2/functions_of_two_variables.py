"""Week 2 -- one function of two variables drawn three ways: a surface, level curves, a heat map,
with one point moving on all three at once.

Each picture is named as it appears (the surface as it rises, the level curves as they are cut, the contour
map, the heat map); the stage is small enough that the orbiting camera keeps it all in the frame."""

from __future__ import annotations

import numpy as np
import sympy
from manim import DOWN, LEFT, RIGHT, Create, Dot, FadeIn, FadeOut, Indicate, Rectangle, ReplacementTransform, ValueTracker, VGroup, VMobject, Write, linear

from calcviz import latex, multivariate
from calcviz.view import nice_step
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, BACKGROUND, FOREGROUND, LABEL_SIZE, MUTED, SMALL_SIZE, TICK_SIZE, formula, words
from scenes.kit.numbers import decimals, number_tex
from scenes.kit.plotting import fixed_map, make_axes, polyline_points
from scenes.kit.readouts import live_row
from scenes.kit.surface_scene import SurfaceScene
from scenes.kit.three_d import Curve3D, FlatImage, MeshLayer, Sheet, StageDot, stage_axes, stage_for, surface_sheet

STAGE_CENTER = (-3.4, -0.3)
STAGE_SIZE = (4.3, 4.3, 3.2)  # at every angle of the orbit the surface and its axis labels stay in the frame
PANEL_LEFT = 0.3
MAP_SIZE = 2.95  # each flat picture is a square this wide (its axis names outside it): as wide as the panel allows
MAP_GAP = 0.45  # room for the left map's x
MAP_TOP = 2.1
HEAT_PIXELS = 240  # the heat map's image, per side (resampled smoothly when drawn)
SMALL = SMALL_SIZE


class FunctionsOfTwoVariables(SurfaceScene):
    """The same Field as a surface (fast 3D path), as level curves and as a heat map; one point moves on all three."""

    def construct(self) -> None:
        p = self.params
        F = p.function
        self.beat("A surface")
        header = self.show_title()
        stage = stage_for(p, center=STAGE_CENTER, lengths=STAGE_SIZE)
        self.stage = stage
        levels, heights = self.levels()
        surface = surface_sheet(stage, F, resolution=p.surface_resolution, color_range=heights)  # full contrast
        panel = Panel(left=PANEL_LEFT, top=header.get_bottom()[1] - 0.15)
        f_label = panel.place(formula(rf"z = f(x, y) = {readable(F)}", size=42, color=p.function_color))
        # the floor draws silently; the surface rises while the first sentence says what its heights are
        surface.lift.set_value(0)
        layer = MeshLayer(stage, [surface])
        floor_axes = stage_axes(stage)
        self.add(layer)
        self.play(FadeIn(floor_axes), run_time=self.t(0.8))
        self.scenery.extend([layer, floor_axes])
        low_point, high_point = self.extreme_points(F)
        low_value = multivariate.exact_value(F, low_point)
        floor = stage.ranges[2, 0]
        low_dot = StageDot(stage, lambda: (*low_point, float(F(*low_point))), color=ACCENT)
        low_post = Curve3D(stage, np.array([[*low_point, floor], [*low_point, float(F(*low_point))]]), color=ACCENT, width=3,
                           progress=0)
        low_line = panel.place(formula(rf"f({latex(low_point[0])}, {latex(low_point[1])}) = {folded(low_value)} "
                                       rf"\approx {number_tex(float(low_value))}", color=ACCENT), buff=0.5)
        self.say("A function of two variables gives each point $(x, y)$ one number, its height $z = f(x, y)$.",
                 [surface.lift.animate(run_time=2.5).set_value(1), Write(f_label)], lambda: self.turn_camera(p.orbit / 2, 4))
        self.say(f"Here $f(x, y) = {readable(F)}$.", Indicate(f_label, color=p.function_color),
                 [FadeIn(low_post), low_post.progress.animate(run_time=1.5).set_value(1)], FadeIn(low_dot, scale=2),
                 lambda: self.settle(low_post, low_dot))
        self.say(f"At $x = {latex(low_point[0])}$, $y = {latex(low_point[1])}$, the bottom of the valley, the height is "
                 f"${spoken_value(low_value)}$.", Write(low_line), Indicate(low_dot, color=ACCENT, scale_factor=2))
        self.say("That is the first way to draw it: all the heights together form a surface, a landscape over the floor.",
                 [FadeOut(low_line), FadeOut(low_dot), FadeOut(low_post)], hold="the surface itself is what the sentence names")

        self.beat("Level curves")
        pieces = multivariate.contour_lines(F, p.x_range, p.y_range, levels, resolution=121)
        lift = 0.012 * np.ptp(stage.ranges[2])
        cuts = [(level, piece) for level, level_pieces in zip(levels, pieces) for piece in level_pieces]
        on_surface = VGroup(*(Curve3D(stage, np.column_stack([piece, np.full(len(piece), level)]), width=2.5,
                                      color=self.height_color(surface, level), progress=0, lift=lift) for level, piece in cuts))
        contour_axes = self.map_axes(0)
        to_map = fixed_map(contour_axes)
        flat = VGroup()
        for level, piece in cuts:
            curve = VMobject(stroke_color=self.height_color(surface, level), stroke_width=2.5)
            curve.set_points(polyline_points(to_map(piece)))
            flat.add(curve)
        self.say(f"The second way: slice the landscape at {len(levels)} equally spaced heights.",
                 lambda: self.add(on_surface), [c.progress.animate(run_time=2.5).set_value(1) for c in on_surface],
                 lambda: self.settle(on_surface))
        self.say("Each cut is a level curve: all along it, $f$ keeps one value.",
                 Indicate(on_surface, scale_factor=1.0, color=FOREGROUND))
        fall = ValueTracker(0.0)
        dropped = VGroup(*(Curve3D(stage, np.column_stack([piece, np.full(len(piece), level)]), width=2.5,
                                   color=self.height_color(surface, level), lift=lift) for level, piece in cuts))
        for curve, (level, piece) in zip(dropped, cuts):
            curve.add_updater(lambda m, level=level, piece=piece: m.set_path(
                np.column_stack([piece, np.full(len(piece), level + fall.get_value() * (floor - level))])))
        self.say("Now lower a copy of each level curve straight down, flat onto the floor.",
                 lambda: self.wake(layer), surface.opacity.animate(run_time=1.0).set_value(0.2),
                 lambda: self.add(dropped), fall.animate(run_time=2.5).set_value(1.0), lambda: self.settle(dropped, layer))
        heat_axes = self.map_axes(1)
        bar, bar_numbers = self.colour_bar(surface, heights, heat_axes)
        heat_label = words("heat map", size=SMALL, color=MUTED).next_to(bar_numbers, DOWN, buff=0.12)
        contour_label = words("level curves", size=SMALL, color=MUTED).next_to(contour_axes, DOWN, buff=0.2)
        contour_label.set_y(heat_label.get_y())  # level with the heat map's, under its colour bar
        self.say("Copied onto a flat map of its own, the floor becomes a contour map, like the lines on a hiking map.",
                 [Create(contour_axes), FadeIn(contour_label)], Create(flat, lag_ratio=0.05, run_time=2.5))

        self.beat("A heat map")
        heat = self.heat_map(F, surface, heat_axes)
        self.say("The third way, a heat map: colour each point $(x, y)$ of the map by its height.",
                 lambda: self.wake(layer, dropped), [FadeOut(dropped), surface.opacity.animate.set_value(1.0)],
                 lambda: self.remove(dropped), lambda: self.rest(layer),
                 lambda: self.add(heat), [heat.opacity.animate(run_time=2).set_value(1), Create(heat_axes), FadeIn(heat_label)])
        extremes = self.extreme_labels(F, heat_axes)
        self.say("The bar gives each colour its height, on both maps: bright is high, dark is low.",
                 [FadeIn(bar), FadeIn(bar_numbers)], [*[FadeIn(label, shift=0.15 * DOWN) for label in extremes]])

        self.beat("One point, three pictures")
        walk = ValueTracker(0.0)
        where = self.tour(walk)
        dots = [Dot(radius=0.08, color=ACCENT).set_z_index(5) for _ in range(2)]
        for dot, axes in zip(dots, (contour_axes, heat_axes)):
            shift = fixed_map(axes)
            dot.add_updater(lambda m, shift=shift: m.move_to(shift(where())[0]))
        top = StageDot(stage, lambda: (*where(), float(F(*where()))), color=ACCENT)
        drop = Curve3D(stage, self.drop_path(F, where()), color=ACCENT, width=2)
        drop.add_updater(lambda m: m.set_path(self.drop_path(F, where())))

        def shown() -> tuple[float, float]:
            """The point as its readouts show it, so that f beside them is f of those digits."""
            x, y = where()
            return round(x, 2), round(y, 2)

        x_row = live_row("x =", lambda: shown()[0], decimals=2, color=ACCENT)
        y_row = live_row("y =", lambda: shown()[1], decimals=2, color=ACCENT)
        f_row = live_row("f(x, y) =", lambda: float(F(*shown())), decimals=4, color=p.function_color)
        rows = VGroup(VGroup(x_row, y_row).arrange(RIGHT, buff=0.6), f_row).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        panel.place(rows, below=heat_label, buff=0.3)
        self.say("Now move one point $(x, y)$: on the surface it rides up and down the landscape.",
                 [*(FadeIn(d, scale=2) for d in (*dots, top)), FadeIn(drop), FadeIn(rows)],
                 walk.animate(run_time=4.5, rate_func=linear).set_value(0.5))
        self.say("On the maps it crosses the level curves and the colours, and the number $f(x, y)$ follows it.",
                 walk.animate(run_time=4.5, rate_func=linear).set_value(1.0), lambda: self.settle(top, drop))

        end = p.tour[-1]
        value = multivariate.exact_value(F, end)
        self.beat("The same number")
        exact = formula(rf"f({latex(end[0])}, {latex(end[1])}) = {folded(value)} \approx {number_tex(float(value))}",
                        color=p.function_color)
        exact.move_to(f_row, aligned_edge=LEFT)  # the readout becomes the exact value: same place, same digits
        peak = " the top of the hill," if np.allclose(np.array(end, float), np.array(high_point, float)) else ""
        self.say(f"The walk ends at $({latex(end[0])}, {latex(end[1])})$,{peak} and all three pictures agree there.",
                 lambda: [mob.clear_updaters() for mob in (*dots, *rows.get_family())],
                 [Indicate(d, color=ACCENT, scale_factor=2) for d in dots], lambda: self.turn_camera(-p.orbit / 2, 4))
        self.say(f"Its height is $f({latex(end[0])}, {latex(end[1])}) = {spoken_value(value)}$, the brightest spot on the heat map.",
                 ReplacementTransform(f_row, exact), Indicate(exact, color=p.function_color))

    # ------------------------------------------------------------------ pieces
    def extreme_points(self, F) -> tuple[tuple, tuple]:
        """The lowest and highest points of calcviz's grid of F, as (x, y) rounded to the grid's step."""
        p = self.params
        X, Y, Z = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
        pick = lambda i: (sympy.nsimplify(round(float(X.flat[i]), 4)), sympy.nsimplify(round(float(Y.flat[i]), 4)))  # noqa: E731
        return pick(np.nanargmin(Z)), pick(np.nanargmax(Z))

    def colour_bar(self, sheet: Sheet, heights, axes):
        """A strip under the heat map from the lowest height to the highest, in the surface's colours, with those
        heights and 0 written under it."""
        lo, hi = heights
        width, steps = axes.x_axis.get_length(), 48
        strip = VGroup(*(Rectangle(width=width / steps, height=0.22, stroke_width=0, fill_opacity=1,
                                   fill_color=self.height_color(sheet, lo + (hi - lo) * (i + 0.5) / steps))
                         for i in range(steps))).arrange(RIGHT, buff=0)
        strip.next_to(axes, DOWN, buff=0.12).align_to(axes.x_axis, LEFT)
        numbers = VGroup()
        for v in (lo, 0.0, hi) if lo < 0 < hi else (lo, hi):
            tick = formula(number_tex(v), size=SMALL, color=FOREGROUND)
            tick.next_to(strip.get_left() + RIGHT * width * (v - lo) / (hi - lo), DOWN, buff=0.14)
            numbers.add(tick)
        numbers[0].align_to(strip, LEFT)
        numbers[-1].align_to(strip, RIGHT)
        return strip, numbers

    def levels(self) -> tuple[np.ndarray, tuple[float, float]]:
        """Equally spaced heights strictly between the surface's lowest and highest values, and those two."""
        p = self.params
        _, _, Z = multivariate.surface_grid(p.function, p.x_range, p.y_range, resolution=81)
        lo, hi = float(np.nanmin(Z)), float(np.nanmax(Z))
        return lo + (hi - lo) * np.linspace(0, 1, p.levels + 2)[1:-1], (lo, hi)

    def map_axes(self, index: int):
        """The flat pictures, side by side, to the right of the surface; equal scale in x and y."""
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        step = nice_step(max(x1 - x0, y1 - y0), target_ticks=5)
        scale = MAP_SIZE / max(x1 - x0, y1 - y0)
        axes = make_axes((x0, x1, step), (y0, y1, step), (x1 - x0) * scale, (y1 - y0) * scale, numbers=False)
        left = PANEL_LEFT + index * (MAP_SIZE + MAP_GAP)
        axes.shift(np.array([left, MAP_TOP, 0]) - axes.c2p(x0, y1))  # the map itself, not its axis names, in its square
        axes.set_z_index(1)
        return axes

    @staticmethod
    def height_color(sheet: Sheet, z) -> np.ndarray | str:
        """The surface's colour for height ``z`` (unlit): the same scale on every picture."""
        rgb = sheet.height_colors(np.atleast_1d(z))[0]
        return "#" + "".join(f"{round(255 * c):02x}" for c in rgb)

    def heat_map(self, F, sheet: Sheet, axes) -> FlatImage:
        """Each point of the floor coloured by its height, on the surface's colour scale."""
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        xs = np.linspace(x0, x1, HEAT_PIXELS)
        ys = np.linspace(y1, y0, HEAT_PIXELS)  # the image's first row is the top of the map
        X, Y = np.meshgrid(xs, ys)
        corner_lo, corner_hi = fixed_map(axes)(np.array([[x0, y0], [x1, y1]]))
        width, height = corner_hi[:2] - corner_lo[:2]
        image = FlatImage(sheet.height_colors(np.broadcast_to(F(X, Y), X.shape)), width, height, opacity=0)
        return image.move_to((corner_lo + corner_hi) / 2)

    def extreme_labels(self, F, axes) -> list:
        """'high' and 'low' on the heat map, at the brightest and darkest points of calcviz's grid of F."""
        p = self.params
        X, Y, Z = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
        to_map = fixed_map(axes)
        labels = []
        for text, index, color in (("high", np.nanargmax(Z), BACKGROUND), ("low", np.nanargmin(Z), FOREGROUND)):
            spot = to_map(np.array([X.flat[index], Y.flat[index]]))[0]
            label = words(text, size=SMALL, color=color)
            inside = axes.get_top()[1] - label.height / 2 - 0.05
            labels.append(label.move_to(spot + np.array([0, 0.3, 0])).set_y(min(spot[1] + 0.3, inside)).set_z_index(6))
        return labels

    def tour(self, walk: ValueTracker):
        """The point at ``walk`` (0..1) along the tour's corners, at constant speed."""
        corners = np.array(self.params.tour, float)
        lengths = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(corners, axis=0).T))])
        lengths /= lengths[-1]

        def where() -> tuple[float, float]:
            s = walk.get_value()
            return float(np.interp(s, lengths, corners[:, 0])), float(np.interp(s, lengths, corners[:, 1]))

        return where

    def drop_path(self, F, xy) -> np.ndarray:
        x, y = xy
        return np.array([[x, y, self.stage.ranges[2, 0]], [x, y, float(F(x, y))]])



def readable(F) -> str:
    """F in LaTeX, an exponent that is a fraction written on one line, e^{-(x^2 + y^2)/2} (legible at 480p): the same
    on screen, in the captions and in the voice."""
    powers = {}

    def fold(arg):
        arg = sympy.factor(arg)
        coefficient, rest = arg.as_coeff_Mul()
        if isinstance(coefficient, sympy.Rational) and abs(coefficient.p) == 1 and coefficient.q > 1 and rest.is_Add:
            sign = "-" if coefficient < 0 else ""
            tex = rf"e^{{{sign}({sympy.latex(rest)})/{coefficient.q}}}"
        else:
            tex = rf"e^{{{sympy.latex(arg, fold_short_frac=True)}}}"
        name = sympy.Symbol(f"zz{len(powers)}")  # after x and y: printed last, x e^{...}
        powers[sympy.latex(name)] = r"\, " + tex  # "x times e to the ...", not "x e"
        return name

    text = sympy.latex(F.expr.replace(sympy.exp, fold))
    for name, tex in powers.items():
        text = text.replace(name, tex)
    return text


def folded(value) -> str:
    """An exact value for the screen, a fraction in an exponent on one line: -e^{-1/2}."""
    sign = "-" if value < 0 else ""
    return sign + sympy.latex(-value if value < 0 else value, fold_short_frac=True)


def spoken_value(value) -> str:
    """The same value for the voice, which reads -e^{-1/2} as "negative e to the minus one half"."""
    sign = "-" if value < 0 else ""
    return sign + latex(-value if value < 0 else value)
