# calcviz lectures.  `make week3` renders week 3; `make test` runs the tests.
# Both set everything up first (system packages, .venv).  See README.md.

QUALITY ?= high
QUALITIES := tiny low medium high 4k
ifeq ($(filter $(QUALITY),$(QUALITIES)),)
$(error QUALITY=$(QUALITY) is not one of: $(QUALITIES))
endif

# Narration: on (recordings, else the Piper voice), fake (a tone; tests) or off (silent clips).
NARRATION ?= on
export NARRATION
PY := .venv/bin/python
# One line per clip (what was rendered, and its speed); VERBOSE=1 shows the commands and manim's log.
QUIET := $(if $(filter-out 0,$(VERBOSE)),,@)
VENV := .venv/.installed
GENERATED := renders/.make/course.mk
# The code whose imports decide each clip's dependencies (scenes/makegen.py follows them per scene).
CODE := $(wildcard calcviz/*.py scenes/*.py scenes/kit/*.py scenes/narration/*.py scenes/week*/*.py)
SLIDES_DEPS := scenes/publish/slides.py
PUBLISH_DEPS := $(filter-out $(SLIDES_DEPS),$(wildcard scenes/publish/*.py)) scenes/publish/panels.js scenes/publish/scorm.js scenes/kit/look.py manim.cfg

# A clip depends on the narration mode it was rendered with (per quality): this stamp changes with it.
NARRATION_STAMP := renders/.make/narration-$(QUALITY)
$(shell mkdir -p renders/.make && { [ "$$(cat $(NARRATION_STAMP) 2>/dev/null)" = "$(NARRATION)" ] || echo "$(NARRATION)" > $(NARRATION_STAMP); })

.DEFAULT_GOAL := help
.PHONY: help setup list check test update-references bench all publish slides script panels clean farm slurm scorm

help:
	@echo "make week3            render week 3's clips to renders/$(QUALITY)/week3/ (QUALITY=low|medium|high|4k)"
	@echo "make all              render every week that has scenes"
	@echo "make publish-week3    week 3's lecture video, captions, chapters, thumbnails -> renders/$(QUALITY)/index.html"
	@echo "make publish          publish every week that has scenes"
	@echo "make scorm            the published weeks as a SCORM 2004 package for an LMS -> renders/$(QUALITY)/course-scorm.zip"
	@echo "make slides-week3     week 3 as a manim-slides presentation -> renders/$(QUALITY)/week3/slides/index.html"
	@echo "make script-week3     week 3's narration script -> narration/week3/script.tsv (record beats as narration/week3/<id>.wav)"
	@echo "                      your own words: edit a copy of its lines in narration/week3/text.tsv; make recorded-week3 after recording"
	@echo "                      NARRATION=off renders silent clips; NARRATION=fake a test tone"
	@echo "make farm-week3       week 3's stale clips on a Dask cluster (SCHEDULER=tcp://host:8786, or this machine)"
	@echo "make slurm-week3      week 3's stale clips as a Slurm job array plus its publication (prints how to submit)"
	@echo "                      site settings: course.toml [slurm], or SLURM_PARTITION SLURM_ACCOUNT SLURM_TIME SLURM_MEM SLURM_CPUS"
	@echo "make panels           preview every scene's interactive panel (no clips needed) -> renders/panels/index.html"
	@echo "make exercises-week3  week 3's exercises and worked solutions -> renders/$(QUALITY)/week3/week3-{exercises,solutions}.pdf (VARIANT=B: another set)"
	@echo "make list             the series: week, scene, title, output path"
	@echo "make check            validate course.toml"
	@echo "make test             the test suite"
	@echo "make bench            render benchmark -> renders/bench/results.md"
	@echo "make update-references  re-record the key-frame references of the visual tests"

setup: $(VENV)

$(VENV): pyproject.toml scripts/bootstrap.sh
	@bash scripts/bootstrap.sh
	@touch $@

# Per-clip rules, regenerated whenever the course config, the code (its imports) or the set of
# recordings (a folder's mtime changes when a file is added or removed) changes.
# Goals that need no rules skip them, so a bad course.toml is reported once (by `check`, or here).
RULELESS_GOALS := help setup list check test update-references bench clean farm farm-week% slurm slurm-week% panels exercises-week% scorm
ifneq ($(filter-out $(RULELESS_GOALS),$(or $(MAKECMDGOALS),help)),)
# A missing rules file starts as an empty, ancient one, so make builds it without a "No such file" line.
$(if $(wildcard $(GENERATED)),,$(shell mkdir -p $(dir $(GENERATED)) && touch -d @0 $(GENERATED)))
include $(GENERATED)
endif
$(GENERATED): course.toml $(CODE) $(wildcard narration narration/week*) | $(VENV)
	@$(PY) -m scenes makefile --output $@

all: $(ALL_CLIPS)

publish: $(PUBLISHED_WEEKS)

slides: $(SLIDES_WEEKS)

# Every published week (make publish first) as one SCO of a SCORM 2004 package (scenes/publish/scorm.py).
scorm: | $(VENV)
	@$(PY) -m scenes scorm --quality $(QUALITY)

script: $(SCRIPT_WEEKS)

# The render farm (scenes/farm): the clips `make weekN` would render, on a Dask cluster.
SCHEDULER ?=
farm: | $(VENV)
	@$(PY) -m scenes farm all --quality $(QUALITY) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

farm-week%: | $(VENV)
	@$(PY) -m scenes farm $* --quality $(QUALITY) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

# Slurm (scenes/farm/slurm.py): per clip, these override course.toml's [slurm] table.
SLURM_SETTINGS = $(if $(SLURM_PARTITION),--partition='$(SLURM_PARTITION)') $(if $(SLURM_ACCOUNT),--account='$(SLURM_ACCOUNT)') \
  $(if $(SLURM_TIME),--time='$(SLURM_TIME)') $(if $(SLURM_MEM),--memory='$(SLURM_MEM)') $(if $(SLURM_CPUS),--cpus='$(SLURM_CPUS)')
slurm: | $(VENV)
	@$(PY) -m scenes farm slurm all --quality $(QUALITY) $(SLURM_SETTINGS)

slurm-week%: | $(VENV)
	@$(PY) -m scenes farm slurm $* --quality $(QUALITY) $(SLURM_SETTINGS)

panels: | $(VENV)
	$(PY) -m scenes panels $(SCENES)

# A week's exercises and worked solutions as PDFs (scenes/publish/exercise_sheets.py; publish-weekN makes them
# too). The same VARIANT gives the same problems; another VARIANT (a section, an exam) gives others of the same kinds.
VARIANT ?= A
VARIANT_STAMP := renders/.make/variant-$(QUALITY)
$(shell mkdir -p renders/.make && { [ "$$(cat $(VARIANT_STAMP) 2>/dev/null)" = "$(VARIANT)" ] || echo "$(VARIANT)" > $(VARIANT_STAMP); })
exercises-week%: | $(VENV)
	@$(PY) -m scenes exercises $* --quality $(QUALITY) --variant '$(VARIANT)'

list: | $(VENV)
	@$(PY) -m scenes list --quality $(QUALITY)

check: | $(VENV)
	@$(PY) -m scenes check

test: | $(VENV)
	@bash scripts/bootstrap.sh --test
	$(PY) -m pytest -n 2 --dist loadgroup

update-references: | $(VENV)
	$(PY) -m pytest -n 2 --dist loadgroup tests/test_scenes.py tests/test_light_theme.py --update-references

bench: | $(VENV)
	$(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf renders/.make media renders/*/week*/.*.work renders/*/week*/.slide-renders/.*.work
