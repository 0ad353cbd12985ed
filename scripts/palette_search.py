"""Search new colours for some roles of a palette: the nearest to their old colours that pass the theme check.

Each searched role gets a colour of an sRGB grid that (a) reads as text on the palette's background, cards and
panels (scenes/theme_check.py's contrast minimum, with 3% to spare) and (b) differs by ``--margin`` (CIEDE2000,
after the deuteranopia simulation) from every colour drawn beside it in a figure of theme_check.FIGURES. Among
such sets, it keeps the one that moves the roles least (summed CIEDE2000, as most eyes see it), from a few
thousand randomised greedy passes. It prints the set; copying it into scenes/theme.py is left to you.

    .venv/bin/python scripts/palette_search.py dark RULE_LEFT RULE_RIGHT RULE_MIDPOINT RULE_TRAPEZOID RULE_SIMPSON
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scenes.theme import PALETTES  # noqa: E402
from scenes.theme_check import FIGURES, MIN_CONTRAST, MIN_CONTRAST_HIGH, ciede2000, cielab, contrast_ratio, seen_by_deuteranope  # noqa: E402


def readable(palette: dict, name: str, step: int) -> list[str]:
    minimum = (MIN_CONTRAST_HIGH if name == "high-contrast" else MIN_CONTRAST) * 1.03
    levels = sorted(set(range(0, 256, step)) | {255})
    grid = ("#" + "".join(f"{c:02x}" for c in rgb) for rgb in itertools.product(levels, repeat=3))
    return [c for c in grid if min(contrast_ratio(c, palette[s]) for s in ("BACKGROUND", "CARD", "PANEL")) >= minimum]


def search(name: str, roles: list[str], margin: float, step: int, passes: int, seed: int = 1) -> tuple[float, dict]:
    palette = PALETTES[name]
    neighbours = {role: {other for figure in FIGURES.values() if role in figure for other in figure} - {role}
                  for role in roles}
    fixed = {other for role in roles for other in neighbours[role]} - set(roles)
    seen = {c: seen_by_deuteranope(c) for c in readable(palette, name, step)}
    seen.update({palette[role]: seen_by_deuteranope(palette[role]) for role in fixed})
    moved = {role: sorted((ciede2000(cielab(c), cielab(palette[role])), c) for c in seen
                          if all(ciede2000(seen[c], seen[palette[f]]) >= margin for f in fixed & neighbours[role]))
             for role in roles}
    rng, best = random.Random(seed), (float("inf"), {})
    for _ in range(passes):
        order, chosen, cost = rng.sample(roles, len(roles)), {}, 0.0
        for role in order:
            skip = rng.randint(0, 3)  # not always the nearest: lets a later role find room
            for distance, c in moved[role]:
                if all(ciede2000(seen[c], seen[chosen[o]]) >= margin for o in chosen if o in neighbours[role]):
                    if skip:
                        skip -= 1
                        continue
                    chosen[role], cost = c, cost + distance
                    break
        if len(chosen) == len(roles) and cost < best[0]:
            best = (cost, chosen)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("palette", choices=PALETTES)
    parser.add_argument("roles", nargs="+")
    parser.add_argument("--margin", type=float, default=16.0)
    parser.add_argument("--step", type=int, default=12, help="the sRGB grid's step (0-255)")
    parser.add_argument("--passes", type=int, default=2000)
    args = parser.parse_args()
    cost, colours = search(args.palette, args.roles, args.margin, args.step, args.passes)
    if not colours:
        sys.exit(f"no set of colours for {', '.join(args.roles)} passes with margin {args.margin:g}")
    print(f"moved {cost:.1f} in all:", ", ".join(f'"{role}": "{colours[role]}"' for role in args.roles))


if __name__ == "__main__":
    main()
