"""Week 6 -- the directional derivative: a direction turning around a point of the surface, and the slope
it sees, a cosine of the angle that peaks in the direction of the gradient at height |grad f|."""

from __future__ import annotations

import numpy as np
import sympy
from manim import DOWN, LEFT, RIGHT, Create, Dot, FadeIn, FadeOut, Line, ValueTracker, VGroup, VMobject, Write, config, linear

from calcviz import latex, multivariate
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, EDGE, FOREGROUND, SECANT, TANGENT, formula, tex_number
from scenes.kit.plotting import fixed_map, make_axes, polyline_points
from scenes.kit.readouts import live_readout
from scenes.kit.three_d import Curve3D, StageDot, stage_for, surface_sheet
from scenes.week6.gradient_descent_surface import GradientDescentSurface

STAGE_CENTER = (-3.3, -0.75)
STAGE_SPAN = 5.4
STAGE_HEIGHT = 3.0
PLOT_WIDTH, PLOT_HEIGHT = 5.0, 2.4
PLOT_LEFT = 1.3
REACH = 0.32  # the direction's segment, as a share of the floor's longer side
SWEEP_SECONDS = 12
SMALL = 30


class DirectionalDerivative(GradientDescentSurface):
    """A unit vector u turning around a point; D_u f = grad f . u traced against the angle: |grad f| cos(theta - theta_g)."""

    def construct(self) -> None:
        p = self.params
        F, point = p.function, np.array(p.point, float)
        exact = multivariate.exact_gradient(F, p.point)
        gradient = np.array([float(g) for g in exact])
        size = float(np.hypot(*gradient))
        peak = float(np.degrees(np.arctan2(gradient[1], gradient[0]))) % 360

        self.beat("Title", "On a hillside the slope depends on which way you face. "
                           "The directional derivative measures it, for every direction at once.")
        self.show_title()

        self.beat("The surface", f"Here is a surface, and a point on it above ({p.point[0]:g}, {p.point[1]:g}). "
                                 "We will turn around on the spot and measure how steep it is each way.")
        stage = stage_for(p, center=STAGE_CENTER, lengths=self.stage_lengths())
        self.stage = stage
        _, _, heights = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
        self.heights = (float(np.nanmin(heights)), float(np.nanmax(heights)))
        lo, hi = self.heights
        surface = surface_sheet(stage, F, resolution=p.surface_resolution, color_range=(lo, hi + 0.6 * (hi - lo)))  # darker: the lines on it show
        panel = Panel(left=PLOT_LEFT, top=config.frame_height / 2 - EDGE - 0.1)
        f_label = panel.place(formula(rf"f(x, y) = {F.latex}", size=SMALL, color=p.function_color))
        self.raise_surface([surface], Write(f_label))
        top = self.surface_point(point)
        foot = StageDot(stage, lambda: top, color=ACCENT, radius=0.08)
        self.play(FadeIn(foot, scale=2), run_time=self.t(0.8))
        self.turn_camera(p.orbit / 2, 3)
        self.settle(foot)
        self.pause(1)

        self.beat("A direction", "Face the direction of a unit vector u, at angle theta. The slope that way is the "
                                 "directional derivative: the gradient dotted with u.")
        angle = self.angle = ValueTracker(0.0)
        reach = REACH * max(np.ptp(p.x_range), np.ptp(p.y_range))
        direction = Curve3D(stage, self.direction_path(point, reach), color=ACCENT, width=5)
        direction.add_updater(lambda m: m.set_path(self.direction_path(point, reach)), index=0)
        tip = StageDot(stage, lambda: self.direction_path(point, reach)[-1], color=ACCENT, radius=0.06)
        section = Curve3D(stage, self.section(point, reach), color=FOREGROUND, width=3)
        section.add_updater(lambda m: m.set_path(self.section(point, reach)), index=0)
        tangent = Curve3D(stage, self.tangent(point, gradient, reach), color=TANGENT, width=4.5)
        tangent.add_updater(lambda m: m.set_path(self.tangent(point, gradient, reach)), index=0)
        rule = formula(r"D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u}, \quad \mathbf{u} = (\cos\theta, \sin\theta)", size=SMALL)
        x, y = (tex_number(c) for c in point)
        grad_text = formula(rf"\nabla f({x}, {y}) = \left({latex(exact[0])},\ {latex(exact[1])}\right)", size=SMALL, color=SECANT)
        panel.place(rule, buff=0.35)
        panel.place(grad_text, buff=0.3)
        self.play(Create(direction), FadeIn(tip), Write(rule), run_time=self.t(1.5))
        self.play(Create(section), Create(tangent), Write(grad_text), run_time=self.t(1.5))
        self.pause(2)

        self.beat("Turning around", "Now turn u all the way around, and plot the slope against the angle. "
                                    "Uphill, level, downhill, level, and uphill again.")
        plot = self.plot_axes(size, grad_text)
        to_plot = fixed_map(plot)
        thetas = np.linspace(0, 360, 361)
        slopes = gradient @ np.array([np.cos(np.radians(thetas)), np.sin(np.radians(thetas))])
        trace = VMobject(stroke_color=TANGENT, stroke_width=4).set_z_index(2)
        trace.add_updater(lambda m: m.set_points(polyline_points(to_plot(self.traced(thetas, slopes)))))
        marker = Dot(radius=0.07, color=TANGENT).set_z_index(3)
        marker.add_updater(lambda m: m.move_to(to_plot(self.traced(thetas, slopes)[-1:])[0]))
        live = self.live_row(gradient, plot)
        self.play(Create(plot), FadeIn(live), run_time=self.t(1.2))
        self.add(trace, marker)
        self.play(angle.animate.set_value(360), run_time=self.t(SWEEP_SECONDS), rate_func=linear)
        trace.clear_updaters()
        marker.clear_updaters()
        marker.add_updater(lambda m: m.move_to(to_plot(np.array([[self.angle.get_value() % 360, float(gradient @ self.unit())]]))[0]))
        self.pause(1.5)

        self.beat("A cosine", f"The curve is a cosine. It peaks at theta of about {peak:.0f} degrees, exactly the "
                              f"direction of the gradient, and its height is the gradient's length, about {size:.3g}.")
        cosine = formula(r"D_{\mathbf{u}} f = \lVert\nabla f\rVert \cos(\theta - \theta_{\nabla})", size=SMALL, color=TANGENT)
        norm = formula(rf"\lVert\nabla f\rVert = {latex(sympy.sqrt(sum(g**2 for g in exact)))} \approx {tex_number(size, 3)},"
                       rf"\quad \theta_{{\nabla}} \approx {peak:.1f}^\circ", size=SMALL, color=SECANT)
        cosine.move_to(rule, aligned_edge=LEFT)
        panel.place(norm, below=live, buff=0.3)
        peak_dot = Dot(to_plot(np.array([[peak, size]]))[0], radius=0.09, color=SECANT).set_z_index(4)
        guide = Line(to_plot(np.array([[peak, 0.0]]))[0], peak_dot.get_center(), color=SECANT, stroke_width=2.5)
        self.play(FadeOut(rule), Write(cosine), run_time=self.t(1.5))
        self.play(Create(guide), FadeIn(peak_dot, scale=2), Write(norm), run_time=self.t(1.5))
        self.play(angle.animate.set_value(peak), run_time=self.t(2.5))
        self.pause(2)

        self.beat("Steepest ascent", "So the gradient points the way of steepest ascent, its length is that steepest "
                                     "slope, and at right angles to it the surface is level.")
        self.play(angle.animate.set_value(peak + 90), run_time=self.t(2))
        self.pause(1.5)
        self.play(angle.animate.set_value(peak), run_time=self.t(2))
        self.pause(4)

    # ------------------------------------------------------------------ pieces
    def stage_lengths(self) -> tuple[float, float, float]:
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        unit = STAGE_SPAN / max(x1 - x0, y1 - y0)
        return unit * (x1 - x0), unit * (y1 - y0), STAGE_HEIGHT

    def unit(self) -> np.ndarray:
        theta = np.radians(self.angle.get_value())
        return np.array([np.cos(theta), np.sin(theta)])

    def direction_path(self, point, reach) -> np.ndarray:
        """The unit direction drawn from the point, level at the point's height (0.6 of the reach long)."""
        t = np.linspace(0, 0.6 * reach, 2)[:, None]
        xy = point + t * self.unit()
        return np.column_stack([xy, np.full(len(xy), float(self.params.function(*point)) + self.lift())])

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

    def live_row(self, gradient, plot) -> VGroup:
        """theta (degrees) and D_u f now, under the plot."""
        theta = VGroup(formula(r"\theta =", size=SMALL, color=ACCENT),
                       live_readout(lambda: self.angle.get_value() if self.angle.get_value() <= 360 else self.angle.get_value() % 360,
                                    decimals=0, size=SMALL, color=ACCENT)).arrange(RIGHT, buff=0.15)
        slope = VGroup(formula(r"D_{\mathbf{u}} f =", size=SMALL, color=TANGENT),
                       live_readout(lambda: float(gradient @ self.unit()), decimals=3, size=SMALL, color=TANGENT)
                       ).arrange(RIGHT, buff=0.15)
        row = VGroup(theta, slope).arrange(RIGHT, buff=0.6)
        return row.next_to(plot, DOWN, buff=0.3).align_to(plot, LEFT)

