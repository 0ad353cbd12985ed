"""Week 6 -- the directional derivative: a direction turning around a point of the surface, and the slope
it sees, a cosine of the angle that peaks in the direction of the gradient at height |grad f|."""

from __future__ import annotations

import numpy as np
import sympy
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Circle, Create, Dot, FadeIn, FadeOut, GrowArrow, Indicate, Line, ReplacementTransform, Transform, ValueTracker, VGroup, VMobject, Write, config

from calcviz import latex, multivariate
from calcviz.gradient_work import gradient_work
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, AXIS, BACKGROUND, DERIVATIVE, EDGE, FOREGROUND, LABEL_SIZE, MUTED, SECANT, TANGENT, formula, words
from scenes.kit.palette import colour_name
from scenes.kit.numbers import decimals, number_tex
from scenes.kit.plotting import fixed_map, make_axes, polyline_points
from scenes.kit.readouts import live_readout
from scenes.kit.three_d import Curve3D, StageDot, stage_for, surface_sheet
from scenes.week6.gradient_descent_surface import GradientDescentSurface

STAGE_CENTER = (-2.7, -0.4)  # the box and its labels inside the frame at both camera angles of the scene
STAGE_SPAN = 4.8
STAGE_HEIGHT = 2.7
PLOT_WIDTH, PLOT_HEIGHT = 5.0, 2.4
PLOT_LEFT = 1.3
REACH = 0.32  # the direction's segment, as a share of the floor's longer side
SWEEP_SECONDS = 10
SMALL = 30
CASED = 6  # the slice and its tangent: stroke width (their dark casing is 4 wider)
COMPASS_CENTER = (-4.2, 2.2)  # above the surface, clear of the title and the z-axis
COMPASS_RADIUS = 0.6


class DirectionalDerivative(GradientDescentSurface):
    """A unit vector u turning around a point; D_u f = grad f . u traced against the angle: |grad f| cos(theta - theta_g)."""

    def construct(self) -> None:
        p = self.params
        F, point = p.function, np.array(p.point, float)
        exact = multivariate.exact_gradient(F, p.point)
        gradient = np.array([float(g) for g in exact])
        size = float(np.hypot(*gradient))
        peak = float(np.degrees(np.arctan2(gradient[1], gradient[0]))) % 360
        x_tex, y_tex = (number_tex(c, "step") for c in point)

        self.beat("The surface")
        self.show_title()
        stage = stage_for(p, center=STAGE_CENTER, lengths=self.stage_lengths())
        self.stage = stage
        _, _, heights = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
        self.heights = (float(np.nanmin(heights)), float(np.nanmax(heights)))
        lo, hi = self.heights
        surface = surface_sheet(stage, F, resolution=p.surface_resolution, color_range=(lo, hi + 0.6 * (hi - lo)))  # darker: the lines on it show
        panel = Panel(left=PLOT_LEFT, top=config.frame_height / 2 - EDGE - 0.1)
        f_label = panel.place(formula(rf"f(x, y) = {F.latex}", size=SMALL, color=p.function_color))
        self.raise_surface_said([surface], f_label, "On this hill, the slope depends on which way you face.",
                                Indicate(f_label, color=p.function_color, scale_factor=1.0))  # the floor silently, the hill as it is named
        top = self.surface_point(point)
        foot = StageDot(stage, lambda: top, color=ACCENT, radius=0.08)
        point_label = formula(rf"({x_tex}, {y_tex})", size=SMALL - 2, color=ACCENT).set_z_index(5)
        point_label.add_background_rectangle(color=BACKGROUND, opacity=0.7, buff=0.04)  # readable on the bright surface
        self.say(f"Stand at the point above $({x_tex}, {y_tex})$.",
                 FadeIn(foot, scale=2), lambda: self.turn_camera(p.orbit / 2, 3), lambda: self.settle(foot),
                 lambda: point_label.next_to(foot, DOWN + LEFT, buff=0.06), FadeIn(point_label))

        self.beat("A direction")
        angle = self.angle = ValueTracker(0.0)
        reach = REACH * max(np.ptp(p.x_range), np.ptp(p.y_range))
        direction = Curve3D(stage, self.direction_path(point, reach), color=ACCENT, width=5)
        direction.add_updater(lambda m: m.set_path(self.direction_path(point, reach)), index=0)
        tip = StageDot(stage, lambda: self.direction_path(point, reach)[-1], color=ACCENT, radius=0.06)
        compass, needle = self.compass()
        self.say(r"Face along a unit vector u, at angle $\theta$ from the $x$-axis, as the compass shows.", [Create(direction), FadeIn(tip)], FadeIn(compass), FadeIn(needle))
        # thick, each on a dark casing: they read over the bright surface and its white mesh lines
        section_casing = Curve3D(stage, self.section(point, reach), color=BACKGROUND, width=CASED + 4)
        section_casing.add_updater(lambda m: m.set_path(self.section(point, reach)), index=0)
        section = Curve3D(stage, self.section(point, reach), color=DERIVATIVE, width=CASED)
        section.add_updater(lambda m: m.set_path(self.section(point, reach)), index=0)
        tangent_casing = Curve3D(stage, self.tangent(point, gradient, reach), color=BACKGROUND, width=CASED + 4)
        tangent_casing.add_updater(lambda m: m.set_path(self.tangent(point, gradient, reach)), index=0)
        tangent = Curve3D(stage, self.tangent(point, gradient, reach), color=TANGENT, width=CASED)
        tangent.add_updater(lambda m: m.set_path(self.tangent(point, gradient, reach)), index=0)
        self.say(f"Slice the surface along u: the {colour_name(DERIVATIVE)} curve, with its {colour_name(TANGENT)} tangent at the point.",
                 [Create(section_casing), Create(section)], [Create(tangent_casing), Create(tangent)])
        rule = formula(r"D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u}, \quad \mathbf{u} = (\cos\theta, \sin\theta)", size=SMALL)
        grad_text = formula(rf"\nabla f({x_tex}, {y_tex}) = \left({latex(exact[0])},\ {latex(exact[1])}\right)", size=SMALL, color=SECANT)
        panel.place(rule, buff=0.35)
        panel.place(grad_text, buff=0.3)
        # named first, as the slope it is; the formula grad f . u only once the chain rule reaches it
        named = formula(r"D_{\mathbf{u}} f = \text{slope along } \mathbf{u}, \quad \mathbf{u} = (\cos\theta, \sin\theta)", size=SMALL)
        named.move_to(rule, aligned_edge=LEFT)
        fx, fy = gradient_work(F, p.point)
        work = VGroup(*[formula(rf"f_{{{w.variable}}} = {w.formula_latex}", size=SMALL - 2) for w in (fx, fy)],
                      *[formula(rf"f_{{{w.variable}}}({x_tex}, {y_tex}) = {w.substituted_latex} = {w.value_latex}", size=SMALL - 2, color=SECANT)
                        for w in (fx, fy)]).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        work.next_to(grad_text, DOWN, buff=0.4).align_to(grad_text, LEFT)  # where the plot comes next
        # Why the slope is grad f . u: the slice as a path through the point, and the chain rule along it.
        path = formula(rf"x = {x_tex} + t\cos\theta,\quad y = {y_tex} + t\sin\theta", size=SMALL - 2)
        chain = VGroup(formula(r"\frac{d}{dt} f(x, y)", r"= f_x \frac{dx}{dt} + f_y \frac{dy}{dt}", size=SMALL - 2),
                       formula(r"= f_x \cos\theta + f_y \sin\theta = \nabla f \cdot \mathbf{u}", size=SMALL - 2))
        chain[1].next_to(chain[0], DOWN, buff=0.2).align_to(chain[0][1], LEFT)
        derivation = VGroup(path, chain).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        derivation.next_to(rule, DOWN, buff=0.4).align_to(rule, LEFT)
        self.say("Its slope is the directional derivative.", Write(named))
        self.say(rf"Along the slice, $x = {x_tex} + t\cos\theta$ and $y = {y_tex} + t\sin\theta$.",
                 [Indicate(section, color=FOREGROUND, scale_factor=1.0), Write(path)])
        self.say(r"By the chain rule, the height changes at the partial in $x$ times $\cos\theta$, plus the partial in $y$ times $\sin\theta$: "
                 "the gradient dotted with u.", Write(chain[0]), Write(chain[1]), ReplacementTransform(named, rule))
        self.say(f"Here the partial derivatives are ${fx.value_latex}$ and ${fy.value_latex}$.",
                 FadeOut(derivation), [Write(work[0]), Write(work[1])], [Write(work[2]), Write(work[3])], Write(grad_text))

        self.beat("Turning around")
        plot = self.plot_axes(size, grad_text)
        to_plot = fixed_map(plot)
        thetas = np.linspace(0, 360, 361)
        slopes = gradient @ np.array([np.cos(np.radians(thetas)), np.sin(np.radians(thetas))])
        trace = VMobject(stroke_color=TANGENT, stroke_width=4).set_z_index(2)
        trace.add_updater(lambda m: m.set_points(polyline_points(to_plot(self.traced(thetas, slopes)))))
        marker = Dot(radius=0.07, color=TANGENT).set_z_index(3)
        marker.add_updater(lambda m: m.move_to(to_plot(self.traced(thetas, slopes)[-1:])[0]))
        live = self.live_row(gradient, plot, size)
        start = float(slopes[0])
        shown = f"{start:.{decimals(size)}f}"  # the readout's digits
        self.say(rf"Plot the slope against the angle: at $0^\circ$ it is ${shown}$, "
                 + ("downhill." if start < 0 else "uphill." if start > 0 else "level."),
                 [FadeOut(work), Create(plot), FadeIn(live)], lambda: self.add(trace, marker),
                 [Indicate(marker, color=TANGENT), Indicate(live[1], color=TANGENT), Indicate(tangent, color=FOREGROUND, scale_factor=1.0)])
        for index, (said, stops) in enumerate(sweep_sentences(peak, float(gradient @ np.array([1.0, 0.0])))):
            turns, now = [], angle.get_value()
            for stop in stops:
                turns.append(value_to(angle, stop, max(1.5, SWEEP_SECONDS * (stop - now) / 360)))
                now = stop
            self.say(("Now turn u all the way around. " if index == 0 else "") + said, *turns)  # u turns as it is said
        trace.clear_updaters()
        marker.clear_updaters()
        marker.add_updater(lambda m: m.move_to(to_plot(np.array([[self.angle.get_value() % 360, float(gradient @ self.unit())]]))[0]))

        self.beat("A cosine")
        dot_product = formula(r"D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u} = \|\nabla f\|\,\|\mathbf{u}\| \cos(\theta - \theta_{\nabla})", size=SMALL)
        dot_product.move_to(rule, aligned_edge=LEFT)
        cosine = formula(r"D_{\mathbf{u}} f = \|\nabla f\| \cos(\theta - \theta_{\nabla})", size=SMALL, color=TANGENT)
        cosine.move_to(rule, aligned_edge=LEFT)
        self.say("The curve is a cosine: a dot product is the two lengths times the cosine of the angle between them, and u has length 1.",
                 Indicate(trace, color=TANGENT), [FadeOut(rule), Write(dot_product)], Transform(dot_product, cosine))
        norm_exact = latex(sympy.sqrt(sum(g**2 for g in exact)))
        norm = formula(rf"\|\nabla f\| = {norm_exact} \approx {number_tex(size)},"
                       rf"\quad \theta_{{\nabla}} \approx {degrees(peak)}^\circ", size=SMALL, color=SECANT)
        panel.place(norm, below=live, buff=0.3)
        peak_dot = Dot(to_plot(np.array([[peak, size]]))[0], radius=0.09, color=SECANT).set_z_index(4)
        guide = Line(to_plot(np.array([[peak, 0.0]]))[0], peak_dot.get_center(), color=SECANT, stroke_width=2.5)
        self.say(rf"It peaks in the gradient's direction, $\theta \approx {degrees(peak)}^\circ$, "
                 rf"at the gradient's length, ${number_tex(size)}$.",
                 [Create(guide), FadeIn(peak_dot, scale=2)], Write(norm))
        arrow_path = self.uphill_path(point, reach, peak)
        gradient_line = Curve3D(stage, arrow_path, color=SECANT, width=6)
        gradient_tip = StageDot(stage, lambda: arrow_path[-1], color=SECANT, radius=0.06)
        pointer, pointer_label = self.compass_arrow(peak)
        self.say(f"Draw the gradient in {colour_name(SECANT)}, and turn u to face it: this is the steepest climb.",
                 [Create(gradient_line), FadeIn(gradient_tip), GrowArrow(pointer), FadeIn(pointer_label)],
                 value_to(angle, peak, 2.5))

        self.beat("Steepest ascent")
        self.say("So the gradient points the way of steepest ascent, and its length is that steepest slope.",
                 value_to(angle, peak, 1), Indicate(norm, color=SECANT))

    # ------------------------------------------------------------------ pieces
    def stage_lengths(self) -> tuple[float, float, float]:
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        unit = STAGE_SPAN / max(x1 - x0, y1 - y0)
        return unit * (x1 - x0), unit * (y1 - y0), STAGE_HEIGHT

    def unit(self) -> np.ndarray:
        theta = np.radians(self.angle.get_value())
        return np.array([np.cos(theta), np.sin(theta)])

    def direction_path(self, point, reach, degrees: float | None = None) -> np.ndarray:
        """The unit direction (now, or at ``degrees``) drawn from the point, level at the point's height (0.6 of the reach long)."""
        t = np.linspace(0, 0.6 * reach, 2)[:, None]
        unit = self.unit() if degrees is None else np.array([np.cos(np.radians(degrees)), np.sin(np.radians(degrees))])
        xy = point + t * unit
        return np.column_stack([xy, np.full(len(xy), float(self.params.function(*point)) + self.lift())])

    def uphill_path(self, point, reach, degrees: float) -> np.ndarray:
        """The gradient's direction from the point, drawn on the surface (lifted over the slice): level, it would run into the hill."""
        t = np.linspace(0, 0.8 * reach, 21)[:, None]
        xy = self.clipped(point + t * np.array([np.cos(np.radians(degrees)), np.sin(np.radians(degrees))]))
        return np.column_stack([xy, self.params.function(xy[:, 0], xy[:, 1]) + 4 * self.lift()])

    def section(self, point, reach) -> np.ndarray:
        """The surface's slice along the direction, through the point."""
        t = np.linspace(-reach, reach, 41)[:, None]
        xy = self.clipped(point + t * self.unit())
        return np.column_stack([xy, np.broadcast_to(self.params.function(xy[:, 0], xy[:, 1]), len(xy)) + self.lift()])

    def tangent(self, point, gradient, reach) -> np.ndarray:
        """The tangent line of that slice: slope D_u f = grad f . u."""
        t = np.linspace(-0.7 * reach, 0.7 * reach, 2)[:, None]
        z0 = float(self.params.function(*point)) + 2 * self.lift()
        return np.column_stack([point + t * self.unit(), z0 + t[:, 0] * float(gradient @ self.unit())])

    def clipped(self, xy: np.ndarray) -> np.ndarray:
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        return np.column_stack([np.clip(xy[:, 0], x0, x1), np.clip(xy[:, 1], y0, y1)])

    def traced(self, thetas, slopes) -> np.ndarray:
        """(theta, D_u f) up to the current angle (its end interpolated)."""
        now = self.angle.get_value()
        k = int(np.searchsorted(thetas, now, side="right"))
        head = np.column_stack([thetas[:k], slopes[:k]])
        return np.vstack([head, [now, np.interp(now, thetas, slopes)]])

    def plot_axes(self, size: float, above):
        reach = float(np.ceil(size * 1.2 * 2) / 2)
        axes = make_axes((0, 360, 90), (-reach, reach, reach / 2 if reach <= 2 else 1), PLOT_WIDTH, PLOT_HEIGHT,
                         x_label=r"\theta", y_label=r"D_{\mathbf{u}} f")
        return axes.move_to([PLOT_LEFT + 0.3 + PLOT_WIDTH / 2, above.get_bottom()[1] - 0.45 - PLOT_HEIGHT / 2, 0])

    def live_row(self, gradient, plot, size: float) -> VGroup:
        """theta (degrees, with its sign) and D_u f now, under the plot."""
        degrees = live_readout(lambda: self.angle.get_value() if self.angle.get_value() <= 360 else self.angle.get_value() % 360,
                               decimals=0, size=SMALL, color=ACCENT)
        sign = formula(r"^{\circ}", size=SMALL, color=ACCENT)
        sign.add_updater(lambda m: m.next_to(degrees, RIGHT, buff=0.04).align_to(degrees, UP).shift(0.08 * UP))
        theta = VGroup(formula(r"\theta =", size=SMALL, color=ACCENT), degrees).arrange(RIGHT, buff=0.15)
        theta.add(sign)
        slope = VGroup(formula(r"D_{\mathbf{u}} f =", size=SMALL, color=TANGENT),
                       live_readout(lambda: float(gradient @ self.unit()), decimals=decimals(size), size=SMALL, color=TANGENT)
                       ).arrange(RIGHT, buff=0.15)
        row = VGroup(theta, slope).arrange(RIGHT, buff=0.7)
        sign.update(0)
        return row.next_to(plot, DOWN, buff=0.3).align_to(plot, LEFT)

    def compass(self):
        """The floor seen from above: x and y axes in a circle, and u's needle turning with the angle."""
        center = np.array([*COMPASS_CENTER, 0.0])
        ring = Circle(radius=COMPASS_RADIUS, color=MUTED, stroke_width=1.5).move_to(center)
        x_axis = Line(center + COMPASS_RADIUS * 1.15 * LEFT, center + COMPASS_RADIUS * 1.15 * RIGHT, color=AXIS, stroke_width=1.5)
        y_axis = Line(center + COMPASS_RADIUS * 1.15 * DOWN, center + COMPASS_RADIUS * 1.15 * UP, color=AXIS, stroke_width=1.5)
        x_name = formula("x", size=LABEL_SIZE - 4, color=MUTED).next_to(x_axis, RIGHT, buff=0.08)
        y_name = formula("y", size=LABEL_SIZE - 4, color=MUTED).next_to(y_axis, UP, buff=0.08)
        caption = words("from above", size=LABEL_SIZE - 6, color=MUTED).next_to(ring, DOWN, buff=0.15)

        def tip():
            return center + COMPASS_RADIUS * np.array([*self.unit(), 0.0])

        needle = Arrow(center, tip(), buff=0, color=ACCENT, stroke_width=4, max_tip_length_to_length_ratio=0.25)
        needle.add_updater(lambda m: m.put_start_and_end_on(center, tip()))
        name = formula(r"\mathbf{u}", size=LABEL_SIZE - 2, color=ACCENT)
        name.add_updater(lambda m: m.move_to(center + 1.3 * (tip() - center) - 0.22 * np.array([-self.unit()[1], self.unit()[0], 0.0])))
        self.tie(self.angle, needle, name)
        return VGroup(ring, x_axis, y_axis, x_name, y_name, caption), VGroup(needle, name)

    def compass_arrow(self, degrees: float):
        """The gradient's direction on the compass (red) and its name."""
        center = np.array([*COMPASS_CENTER, 0.0])
        unit = np.array([np.cos(np.radians(degrees)), np.sin(np.radians(degrees)), 0.0])
        arrow = Arrow(center, center + COMPASS_RADIUS * unit, buff=0, color=SECANT, stroke_width=4, max_tip_length_to_length_ratio=0.25)
        side = np.array([-unit[1], unit[0], 0.0])
        name = formula(r"\nabla f", size=LABEL_SIZE - 2, color=SECANT).move_to(center + 1.3 * COMPASS_RADIUS * unit + 0.3 * side)
        return arrow, name


def degrees(angle: float) -> str:
    """An angle as the readout shows it: whole degrees (the voice says the same digits)."""
    return number_tex(round(angle) % 360, "count")


def sweep_sentences(peak: float, slope_at_zero: float) -> list[tuple[str, list[float]]]:
    """What the slope does as the angle turns from 0 to 360 degrees, one short sentence per stretch, each with the
    angle its turn ends at (said as the turn arrives there).

    The slope |grad f| cos(theta - peak) is level at peak +- 90, steepest up at peak, steepest down at peak + 180.
    """
    events = sorted((angle % 360, kind) for angle, kind in
                    ((peak, "peak"), (peak + 180, "trough"), (peak + 90, "level"), (peak + 270, "level")))
    said = []
    for angle, kind in events:
        if not 0 < angle < 360:
            continue
        at = rf"$\theta \approx {degrees(angle)}^\circ$"
        if kind == "peak":
            said.append((f"Then uphill, steepest at {at}.", [angle]))
        elif kind == "trough":
            said.append((f"Then downhill, steepest at {at}.", [angle]))
        else:
            going = "downhill" if np.cos(np.radians(angle - 1 - peak)) < 0 else "uphill"
            said.append((f"Less and less {going}: level at {at}.", [angle]))
    ending = "downhill" if slope_at_zero < 0 else "uphill" if slope_at_zero > 0 else "level"
    said.append((rf"Back at $360^\circ$: {ending}, where we began.", [360.0]))
    return said
