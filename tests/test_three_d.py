"""The fast 3D path (scenes/three_d.py): camera geometry, occlusion, and what the mesh paints."""

from __future__ import annotations

import cairo
import numpy as np
import pytest

from calcviz import Field
from scenes.kit.three_d import (
    MOVING_RASTER_SCALE,
    REST_SCALE,
    Curve3D,
    FlatImage,
    MeshLayer,
    Sheet,
    SheetEdge,
    SheetMesh,
    Stage,
    SurfaceCamera,
    densify,
    marker,
    plane_sheet,
    rotation,
    stage_axes,
    surface_sheet,
)

WIDTH, HEIGHT = 640, 360
FRAME_W, FRAME_H = 14.222, 8.0


def flat_stage(phi=0.0, theta=-np.pi / 2) -> Stage:
    return Stage((-1, 1), (-1, 1), (-1, 1), lengths=(4, 4, 4), phi=phi, theta=theta)


def hill_stage(**view) -> tuple[Stage, Sheet]:
    stage = Stage((-2, 2), (-2, 2), (0, 3), lengths=(4, 4, 3), **view)
    return stage, surface_sheet(stage, Field("2*exp(-(x^2 + y^2))"))


def paint(layer: MeshLayer, frames: int = 2) -> np.ndarray:
    """The layer's ``frames``-th frame (2: the first at rest) on a transparent frame, as (h, w, 4) RGBA bytes."""
    for _ in range(frames):
        surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, WIDTH, HEIGHT)
        ctx = cairo.Context(surface)
        ctx.set_matrix(cairo.Matrix(WIDTH / FRAME_W, 0, 0, -HEIGHT / FRAME_H, WIDTH / 2, HEIGHT / 2))
        layer.paint(ctx)
        surface.flush()
    return np.frombuffer(surface.get_data(), np.uint8).reshape(HEIGHT, WIDTH, 4).copy()


def test_moving_frames_are_rasterised_coarser_and_the_first_frame_at_rest_sharp():
    stage, sheet = hill_stage(phi=0.9, theta=-2.0)
    layer = MeshLayer(stage, [sheet], outline=None)
    moving = paint(layer, frames=1)
    assert layer._image[2] == MOVING_RASTER_SCALE
    still = paint(layer, frames=1)  # nothing changed since: painted again at full quality
    assert layer._image[2] == REST_SCALE
    assert np.abs(moving.astype(int) - still.astype(int)).max() > 0
    stage.theta.set_value(-1.9)
    paint(layer, frames=1)
    assert layer._image[2] == MOVING_RASTER_SCALE


def test_the_mesh_rasterised_ahead_is_used_only_for_the_view_it_was_started_for():
    stage, sheet = hill_stage(phi=0.9, theta=-2.0)
    layer = MeshLayer(stage, [sheet], outline=None)
    paint(layer, frames=1)  # the first frame is painted in place; now the layer knows the frame's size
    stage.theta.set_value(-1.8)
    layer.update(0)  # its updater starts the next mesh in the painter thread
    ahead = layer._next[2]
    shown = paint(layer, frames=1)
    assert layer._image is ahead.result()
    assert np.array_equal(shown, paint(MeshLayer(stage, [sheet], outline=None), frames=1))

    stage.theta.set_value(-1.7)
    layer.update(0)
    stale = layer._next[2]
    stage.theta.set_value(-1.6)  # the view changes after the updater ran: that image is out of date
    shown = paint(layer, frames=1)
    assert layer._image is not stale.result()
    assert np.array_equal(shown, paint(MeshLayer(stage, [sheet], outline=None), frames=1))


def test_rotation_is_orthonormal_and_top_view_keeps_the_floor():
    for phi, theta in [(0.3, -2.0), (1.2, 0.7), (0.0, 0.0)]:
        turn = rotation(phi, theta)
        assert turn @ turn.T == pytest.approx(np.eye(3))
        assert np.linalg.det(turn) == pytest.approx(1.0)
    stage = flat_stage()
    frame, depth = stage.project(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))
    assert frame[0, :2] == pytest.approx([2.0, 0.0])  # x to the right, 2 units per graph unit
    assert frame[1, :2] == pytest.approx([0.0, 2.0])  # y up
    assert depth[2] > depth[0] == pytest.approx(0.0)  # z points at the eye


def test_zoom_magnifies_about_the_focus():
    stage = flat_stage()
    for tracker, value in zip(stage.focus, (0.5, 0.5, 0.0)):
        tracker.set_value(value)
    stage.zoom.set_value(4)
    frame, _ = stage.project(np.array([[0.5, 0.5, 0.0], [0.6, 0.5, 0.0]]))
    assert frame[0, :2] == pytest.approx([0.0, 0.0])
    assert frame[1, 0] == pytest.approx(0.1 * 2 * 4)
    assert stage.window()[0] == pytest.approx([0.25, 0.75])


def test_a_point_under_the_surface_is_hidden_and_one_above_is_not():
    stage, _ = hill_stage(phi=0.0)
    hidden = stage.hidden(np.array([[0.0, 0.0, 1.0], [0.0, 0.0, 2.5], [1.9, 1.9, 0.1]]))
    assert hidden.tolist() == [True, False, False]  # under the top / above it / beside the hill


def test_the_hill_hides_what_is_behind_it_from_a_side_view():
    stage, _ = hill_stage(phi=np.radians(85), theta=-np.pi / 2)  # eye far out along -y, nearly level
    near, far = np.array([[0.0, -1.9, 0.2]]), np.array([[0.0, 1.9, 0.2]])
    assert not stage.hidden(near)[0]
    assert stage.hidden(far)[0]
    assert marker(stage, far[0]).hidden


def test_densify_caps_every_step():
    points = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 3.0, 0.5]])
    dense = densify(points, np.array([0.1, 0.1, 0.1]))
    steps = np.abs(np.diff(dense, axis=0))
    assert steps.max() <= 0.1 + 1e-12
    assert dense[0] == pytest.approx(points[0]) and dense[-1] == pytest.approx(points[-1])
    for corner in points:
        assert np.min(np.linalg.norm(dense - corner, axis=1)) < 1e-12  # corners are kept


@pytest.mark.parametrize("upper_first", [True, False])
def test_the_nearer_sheet_is_painted_over_the_farther_whatever_their_order(upper_first):
    stage = flat_stage(phi=0.5)

    def level_sheet(z, color):
        return Sheet(stage, lambda x, y: z + 0 * x, lambda x, y: (0 * x, 0 * y), [[-1, 1], [-1, 1]], colors=(color, color))

    upper, lower = level_sheet(0.5, "#ff0000"), level_sheet(-0.5, "#0000ff")
    pixels = paint(MeshLayer(stage, [upper, lower] if upper_first else [lower, upper], outline=None))
    middle = pixels[HEIGHT // 2, WIDTH // 2]
    assert int(middle[0]) > int(middle[2]) + 100, "the upper (red) sheet is in front, seen from above"


def test_a_flat_sheet_paints_its_projected_square_seamlessly():
    stage = flat_stage()
    sheet = Sheet(stage, lambda x, y: 0 * x, lambda x, y: (0 * x, 0 * y), [[-1, 1], [-1, 1]], colors=("#58c4dd", "#58c4dd"))
    pixels = paint(MeshLayer(stage, [sheet], outline=None))
    covered = pixels[..., 3] > 127  # at least half covered: edge blur spreads faint alpha outwards
    side_px = 4 * WIDTH / FRAME_W  # 4 scene units
    assert covered.sum() == pytest.approx(side_px**2, rel=0.03)
    inner = pixels[HEIGHT // 2 - 60: HEIGHT // 2 + 60, WIDTH // 2 - 60: WIDTH // 2 + 60, :3].reshape(-1, 3).astype(int)
    assert np.abs(inner - np.median(inner, axis=0)).max() <= 2, "a flat lit sheet is one colour: no seams"
    r, g, b = np.median(inner, axis=0)
    assert b > r and g > r  # the palette's blue, in manim's RGBA byte order


def _hill_image(resolution: int, flat: bool = False) -> np.ndarray:
    stage = Stage((-2, 2), (-2, 2), (0, 3), lengths=(4, 4, 3), phi=0.0, theta=-2.0)  # from above: no folds
    layer = MeshLayer(stage, [surface_sheet(stage, Field("2*exp(-(x^2 + y^2))"), resolution=resolution)], outline=None)
    if flat:  # the faceted look of per-face shading, as a control
        smooth = layer.patches
        layer.patches = lambda: (lambda c, k: (c, np.repeat(k.mean(axis=1, keepdims=True), 4, axis=1)))(*smooth())
    return paint(layer).astype(int)


def test_shading_is_smooth_not_faceted():
    fine = _hill_image(128)

    def difference(image):
        both = (image[..., 3] == 255) & (fine[..., 3] == 255)
        return np.abs(image[..., :3] - fine[..., :3]).max(axis=2)[both]

    smooth, faceted = difference(_hill_image(32)), difference(_hill_image(32, flat=True))
    assert np.percentile(smooth, 99) <= 4 and smooth.mean() < 1.0, "32x32 looks like the 128x128 surface"
    assert np.percentile(faceted, 99) > 8, "the measure does see facets"


def test_a_curve_behind_the_hill_is_drawn_dimmed():
    stage, _ = hill_stage(phi=np.radians(85), theta=-np.pi / 2)
    line = Curve3D(stage, [[-1.5, 1.9, 0.2], [1.5, 1.9, 0.2]], width=3)  # behind the hill, seen from -y
    front = Curve3D(stage, [[-1.5, -1.9, 0.2], [1.5, -1.9, 0.2]], width=3)
    assert line.unseen.has_points() and line.unseen.get_num_points() > line.seen.get_num_points()
    assert front.seen.get_num_points() > 0 and front.unseen.get_num_points() <= 4


def test_a_curve_is_clipped_to_the_zoomed_window():
    stage = flat_stage()
    curve = Curve3D(stage, [[-1, 0, 0], [1, 0, 0]])
    stage.zoom.set_value(4)  # the window is now x in [-0.25, 0.25]
    curve.refresh()
    xs = curve.seen.points[:, 0]
    assert xs.min() >= -0.25 * 2 * 4 - 0.1 and xs.max() <= 0.25 * 2 * 4 + 0.1


def test_a_flat_image_fills_its_rectangle_upright_in_manims_byte_order():
    """A heat map's top-left pixel lands top-left, its colours read back as manim reads its frame (R, G, B, A)."""
    rgb = np.zeros((2, 2, 3))
    rgb[0, 0] = (1, 0, 0)  # top left: red
    rgb[1, 1] = (0, 0, 1)  # bottom right: blue
    image = FlatImage(rgb, width=4.0, height=2.0).move_to([1.0, 0.5, 0])
    frame = paint(image, frames=1)
    to_pixel = lambda x, y: (int(HEIGHT / 2 - y * HEIGHT / FRAME_H), int(WIDTH / 2 + x * WIDTH / FRAME_W))
    assert tuple(frame[to_pixel(-0.8, 1.3)][:4]) == (255, 0, 0, 255)
    assert tuple(frame[to_pixel(2.8, -0.3)][:4]) == (0, 0, 255, 255)
    assert frame[to_pixel(-1.2, 0.5)][3] == 0 and frame[to_pixel(1.0, 1.7)][3] == 0  # nothing outside the rectangle
    image.opacity.set_value(0)
    assert paint(image, frames=1)[..., 3].max() == 0


def test_a_flat_image_paints_only_its_rectangle_whatever_path_was_left_current():
    """manim strokes with stroke_preserve: the previous mobject's path is still current when the image paints."""
    image = FlatImage(np.ones((2, 2, 3)), width=2.0, height=2.0).move_to([3.0, 0, 0])
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, WIDTH, HEIGHT)
    ctx = cairo.Context(surface)
    ctx.set_matrix(cairo.Matrix(WIDTH / FRAME_W, 0, 0, -HEIGHT / FRAME_H, WIDTH / 2, HEIGHT / 2))
    ctx.arc(-3.0, 0, 1.0, 0, 2 * np.pi)  # a loop some other mobject stroked
    image.paint(ctx)
    surface.flush()
    frame = np.frombuffer(surface.get_data(), np.uint8).reshape(HEIGHT, WIDTH, 4)
    assert frame[HEIGHT // 2, int(WIDTH / 2 - 3.0 * WIDTH / FRAME_W), 3] == 0  # inside the loop: untouched
    assert frame[HEIGHT // 2, int(WIDTH / 2 + 3.0 * WIDTH / FRAME_W), 3] == 255


def test_a_sheets_outline_fades_with_the_sheet():
    stage, sheet = hill_stage(phi=1.0, theta=-2.0)
    layer = MeshLayer(stage, [sheet])
    [edge] = [m for m in layer.submobjects if isinstance(m, Curve3D)]
    assert edge.seen.get_stroke_opacity() == 1
    sheet.opacity.set_value(0.3)
    edge.refresh()
    assert edge.seen.get_stroke_opacity() == pytest.approx(0.3)


def test_a_supersampled_layer_paints_its_rest_frame_at_its_own_scale():
    stage, sheet = hill_stage(phi=1.0, theta=-2.0)
    layer = MeshLayer(stage, [sheet], rest_scale=2.0)
    frame = paint(layer)
    assert layer._image[2] == 2.0 and layer._image[3] == 1.0  # averaged down to the frame once, not every frame
    assert frame[..., 3].max() == 255  # and it is painted, scaled back to the frame
    plain = paint(MeshLayer(stage, [sheet]))
    assert np.abs(frame.astype(int) - plain.astype(int)).mean() < 3  # the same picture, only smoother


def test_a_sheet_keeps_its_grid_while_the_camera_turns_and_resamples_when_lifted_or_zoomed():
    stage, sheet = hill_stage()
    vertices, partials = sheet.grid()
    assert not vertices.flags.writeable and not partials.flags.writeable  # shared between frames
    stage.theta.increment_value(0.7)
    assert sheet.grid()[0] is vertices  # turning needs no new heights
    sheet.lift.set_value(0.5)
    lifted, _ = sheet.grid()
    assert lifted[..., 2] == pytest.approx(0.5 * vertices[..., 2])  # the floor is z = 0 on this stage
    stage.zoom.set_value(2)
    zoomed, _ = sheet.grid()
    assert zoomed[..., 0].min() == pytest.approx(-1) and zoomed[..., 0].max() == pytest.approx(1)
    assert np.array_equal(zoomed, sheet._sampled_grid(sheet.extent())[0])


def test_a_sheets_edge_follows_the_lift_though_its_path_is_kept():
    stage, sheet = hill_stage(phi=np.radians(60))
    layer = MeshLayer(stage, [sheet])
    [edge] = [m for m in layer.submobjects if isinstance(m, SheetEdge)]
    raised = edge.seen.points.copy()
    top = sheet.boundary()
    sheet.lift.set_value(0.5)
    assert sheet.boundary()[:, 2] == pytest.approx(0.5 * top[:, 2])  # the floor is z = 0 on this stage
    sheet.lift.set_value(0)
    edge.refresh()
    assert edge.seen.points.shape != raised.shape or not np.allclose(edge.seen.points, raised)
    sheet.lift.set_value(1)
    edge.refresh()
    assert np.allclose(edge.seen.points, raised)


def test_a_3d_curve_is_stroked_as_lines_and_looks_as_its_cubics_do():
    from manim import Camera

    stage, _ = hill_stage(phi=np.radians(80), theta=-np.pi / 2)  # from -y: the far side is behind the hill
    curve = Curve3D(stage, [[-1.8, -1.9, 0.2], [1.8, -1.9, 0.2], [1.8, 1.9, 0.2], [-1.8, 1.9, 0.2]], width=3)

    def stroked(camera, part) -> tuple[list, np.ndarray]:
        surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, WIDTH, HEIGHT)
        ctx = cairo.Context(surface)
        ctx.set_matrix(cairo.Matrix(WIDTH / FRAME_W, 0, 0, -HEIGHT / FRAME_H, WIDTH / 2, HEIGHT / 2))
        camera.set_cairo_context_path(ctx, part)
        path = list(ctx.copy_path())
        ctx.set_line_width(0.03)
        ctx.stroke()
        surface.flush()
        return path, np.frombuffer(surface.get_data(), np.uint8).reshape(HEIGHT, WIDTH, 4)[..., 3].astype(int)

    parts = [part for part in (curve.seen, curve.unseen) if part.get_num_points() > 8]  # seen and hidden pieces
    assert len(parts) == 2
    for part in parts:
        lines, drawn = stroked(SurfaceCamera(), part)
        cubics, expected = stroked(Camera(), part)  # manim's: one cubic per piece
        assert {kind for kind, _ in lines} <= {cairo.PATH_MOVE_TO, cairo.PATH_LINE_TO, cairo.PATH_CLOSE_PATH}
        assert any(kind == cairo.PATH_CURVE_TO for kind, _ in cubics)
        assert expected.sum() > 1000  # something was drawn
        assert np.abs(drawn - expected).max() <= 8 and np.mean(drawn != expected) < 0.002


def test_scenery_that_leaves_the_scene_is_no_longer_woken_for_turns():
    from manim import VGroup, VMobject

    from scenes.kit.surface_scene import SurfaceScene

    from types import SimpleNamespace

    scene = SurfaceScene.__new__(SurfaceScene)  # no render: only the bookkeeping of add and remove
    scene.mobjects, scene.foreground_mobjects, scene.moving_mobjects = [], [], []
    scene.renderer = SimpleNamespace(camera=SimpleNamespace(use_z_index=True))
    inner, kept, gone = VMobject(), VMobject(), VMobject()
    group = VGroup(inner)
    scene.add(group, kept, gone)
    scene.scenery = [inner, kept, gone]
    scene.remove(group, gone)
    assert scene.scenery == [kept] and scene.mobjects == [kept]


def render(*mobjects, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    """What the scene's camera shows of ``mobjects`` (their updaters run, as in a scene), as (h, w) RGB ints;
    the second frame, the first at rest."""
    camera = SurfaceCamera(pixel_width=width, pixel_height=height, frame_width=FRAME_H * width / height,
                           frame_height=FRAME_H)
    for _ in range(2):
        camera.reset()
        for mob in mobjects:
            mob.update(0)
        camera.capture_mobjects(list(mobjects))
    return camera.pixel_array[..., :3].astype(int)


def to_pixel(point, width: int = WIDTH, height: int = HEIGHT) -> tuple[int, int]:
    frame_w = FRAME_H * width / height
    return int(round(height / 2 - point[1] * height / FRAME_H)), int(round(width / 2 + point[0] * width / frame_w))


def test_a_surface_carries_a_faint_mesh_of_lines_of_constant_x_and_y():
    stage, sheet = hill_stage(phi=0.3, theta=-np.pi / 2)  # nearly from above: the whole top is seen
    [mesh] = [m for m in MeshLayer(stage, [sheet]).submobjects if isinstance(m, SheetMesh)]
    assert mesh.values[0].tolist() == mesh.values[1].tolist() == [-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5]
    meshed, plain = render(MeshLayer(stage, [sheet])), render(MeshLayer(stage, [sheet], mesh=False))
    on_line = [to_pixel(stage.project(np.array([[0.5, y, sheet.height(0.5, y)]]))[0][0]) for y in (-1.2, -0.2, 0.8)]
    between = [to_pixel(stage.project(np.array([[0.75, y, sheet.height(0.75, y)]]))[0][0]) for y in (-1.2, -0.2, 0.8)]
    for row, col in on_line:  # the line x = 0.5 stands out from the sheet's fill ...
        assert np.abs(meshed[row - 1: row + 2, col - 1: col + 2] - plain[row - 1: row + 2, col - 1: col + 2]).sum(axis=2).max() > 12
    for row, col in between:  # ... and between lines the fill is untouched
        assert np.abs(meshed[row, col] - plain[row, col]).sum() <= 3


def test_the_mesh_is_not_drawn_where_the_surface_hides_it():
    from_above = SheetMesh(hill_stage(phi=0.3)[1])
    side_stage, side_sheet = hill_stage(phi=np.radians(85), theta=-np.pi / 2)  # the far half is behind the hill
    from_side = SheetMesh(side_sheet)
    points, real = from_side.points_3d()
    hidden = side_stage.hidden(points) & real
    assert hidden.sum() > 0.25 * real.sum()
    drawn = lambda mesh: mesh.lines.get_num_points() // 4  # segments stroked
    assert drawn(from_side) <= drawn(from_above) - 0.8 * hidden.sum()


def _edge_positions(alpha: np.ndarray, rows) -> np.ndarray:
    """Per row, where a shape's left edge crosses it, to a fraction of a pixel: the count of empty pixels
    before the shape, with partly covered pixels counted by how much they are covered."""
    return np.array([np.sum(1 - alpha[row, : int(np.argmax(alpha[row] > 250)) + 1] / 255) for row in rows])


def test_a_planes_edges_are_antialiased_at_rest_with_no_stair_steps():
    stage = flat_stage(phi=0.0, theta=-np.pi / 2 + 0.3)  # from above, turned: the square's edges slant
    plane = multivariate_plane()
    sheet = plane_sheet(stage, plane, half_width=0.8, colors=("#ffd166", "#ffd166"), opacity=1.0)
    layer = MeshLayer(stage, [sheet])
    assert any(isinstance(m, SheetEdge) for m in layer.submobjects), "a plane's edge is stroked, anti-aliased"
    alpha = paint(layer)[..., 3].astype(float)
    rows = [r for r in range(HEIGHT) if alpha[r].max() == 255]
    left = int(np.argmin([np.argmax(alpha[r] > 250) for r in rows]))  # the leftmost corner's row
    rows = rows[left + 5: left + 60]  # along one straight edge, off its corners
    edge = _edge_positions(alpha, rows)
    assert np.any((alpha[rows] > 20) & (alpha[rows] < 235)), "edge pixels take intermediate values"
    fit = np.polyval(np.polyfit(rows, edge, 1), rows)
    # a pixel-sampled (aliased) edge strays by up to half a pixel, a quarter on average (measured: 0.54, 0.27)
    assert np.abs(edge - fit).max() < 0.35 and np.abs(edge - fit).mean() < 0.15, "no stair-steps"


def multivariate_plane():
    from calcviz.multivariate import TangentPlane

    return TangentPlane(0.0, 0.0, 0.0, 0.0, 0.0)


def test_a_sheet_with_a_hole_is_sampled_in_rings_around_it():
    stage = Stage((-1.5, 1.5), (-1.5, 1.5), (-0.6, 0.6))
    field = Field("x*y/(x^2 + y^2)")
    sheet = Sheet(stage, field, lambda x, y: (0 * x, 0 * y), stage.ranges[:2], resolution=32, hole=(0.0, 0.0))
    vertices, _ = sheet.grid()
    assert vertices.shape[0] * vertices.shape[1] >= 33 * 33 - 64 and (vertices.shape[0] - 1) * (vertices.shape[1] - 1) == 32 * 32
    assert np.min(np.hypot(vertices[..., 0], vertices[..., 1])) > 0, "no vertex on the hole"
    heights = vertices[1:, :, 2]  # the height is constant along each ray in: the rays are the mesh's edges
    assert np.abs(heights - heights[:1]).max() < 1e-9
    outer = vertices[-1, :, :2]
    assert np.all(np.isclose(np.abs(outer).max(axis=1), 1.5)), "the outer ring is the domain's edge"


@pytest.mark.parametrize("phi, theta", [(50, -120), (62, 25), (58, -145), (44, -75), (62, -110), (52, -115), (64, -140)])
def test_the_axes_carry_tick_numbers_and_no_two_labels_meet(phi, theta, tmp_path):
    from manim import tempconfig

    stage = Stage((-1.5, 1.5), (-1.5, 1.5), (-0.5, 0.5), (4.6, 4.6, 2.6), phi=np.radians(phi), theta=np.radians(theta))
    with tempconfig({"media_dir": str(tmp_path)}):  # LaTeX of its own: parallel workers would race on shared files
        axes = stage_axes(stage)
    texts = [label.tex_string for label in axes.numbers]
    assert {"x", "y", "z"} <= set(texts)
    assert {"-1", "0", "1"} <= set(texts)
    assert sum(t not in "xyz" for t in texts) >= 6, "x, y and z all numbered"
    boxes = [(label.get_corner(np.array([-1, -1, 0]))[:2], label.get_corner(np.array([1, 1, 0]))[:2]) for label in axes.numbers]
    for i, (lo, hi) in enumerate(boxes):
        for j, (lo2, hi2) in enumerate(boxes[:i]):
            apart = np.any(hi < lo2 - 0.02) or np.any(hi2 < lo - 0.02)
            assert apart, f"{texts[i]!r} meets {texts[j]!r}"
    digits = [label.height for label, text in zip(axes.numbers, texts) if text not in "xyz"]
    assert min(digits) * 480 / FRAME_H >= 9.5, "numbers readable at 480p: digits 10 px tall"
    stage.theta.increment_value(0.5)
    before = axes.numbers[0].get_center().copy()
    axes.update(0)
    assert not np.allclose(axes.numbers[0].get_center(), before), "the labels follow the camera"
