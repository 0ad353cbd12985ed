"""Speed-ups of manim that leave its output unchanged (imported by the lecture base class).

- Cairo's camera splits every drawn VMobject's points into subpaths each frame
  (about 60 µs, even for a circle), though most drawn things keep their points
  for many frames.  The split is kept with the points it came from and reused
  while they are byte for byte the same.
- manim parses a formula's SVG (about 0.2 s each) in every render, though its
  TeX output is cached on disk.  The parsed glyphs are cached beside the TeX
  folder, keyed by the SVG's bytes and everything else that shapes them.
"""

from __future__ import annotations

import hashlib
import pickle
from importlib.metadata import version
from pathlib import Path

import numpy as np
from manim import SVGMobject, VMobject, config

from scenes.files import write_atomically

_split_subpaths = VMobject.get_subpath_split_indices_from_points


def _remembered_split(self: VMobject, points, n_dims: int = 3) -> np.ndarray:
    points = np.asarray(points)
    key = (n_dims, self.tolerance_for_point_equality, points.shape, points.tobytes())
    remembered = self.__dict__.get("_subpath_split")
    if remembered is not None and remembered[0] == key:
        return remembered[1]
    split = _split_subpaths(self, points, n_dims)
    self._subpath_split = (key, split)
    return split


_init_svg_mobject = SVGMobject.init_svg_mobject
_MANIM = version("manim")


def _parsed_svg_cache(self: SVGMobject) -> Path | None:
    """Where this SVG's parsed glyphs are kept (None: not a file manim wrote to the TeX folder)."""
    svg = Path(self.get_file_path()) if self.file_name else None
    tex_dir = Path(config.tex_dir)
    if svg is None or svg.parent != tex_dir:
        return None
    # Beside the TeX folder, not in it: manim deletes every file there that is not .svg or .tex.
    key = hashlib.sha256(repr((_MANIM, self.hash_seed)).encode() + svg.read_bytes()).hexdigest()[:32]
    return tex_dir.with_name(tex_dir.name + ".parsed") / f"{key}.pickle"


def _init_svg_from_disk(self: SVGMobject, use_svg_cache: bool):
    cached = _parsed_svg_cache(self) if use_svg_cache else None
    if cached is not None and cached.exists():
        try:
            glyphs, groups = pickle.loads(cached.read_bytes())
        except Exception:  # a damaged or foreign cache file: parse again and replace it
            pass
        else:
            self.add(*glyphs)
            self.id_to_vgroup_dict = groups
            return self
    _init_svg_mobject(self, use_svg_cache)
    if cached is not None:
        for part in self.get_family():
            part.path_obj = None  # already turned into points; svgelements' objects are most of the bytes
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(cached, pickle.dumps((self.submobjects, self.id_to_vgroup_dict)))
    return self


VMobject.get_subpath_split_indices_from_points = _remembered_split
SVGMobject.init_svg_mobject = _init_svg_from_disk
