# calcviz lectures.  `make week3` renders week 3; `make test` runs the tests.
# Both set everything up first (system packages, .venv).  See README.md.

QUALITY ?= high
QUALITIES := tiny low medium high 4k
ifeq ($(filter $(QUALITY),$(QUALITIES)),)
$(error QUALITY=$(QUALITY) is not one of: $(QUALITIES))
endif

PY := .venv/bin/python
VENV := .venv/.installed
GENERATED := renders/.make/course.mk
# The code whose imports decide each clip's dependencies (scenes/makegen.py follows them per scene).
CODE := $(wildcard calcviz/*.py scenes/*.py scenes/kit/*.py scenes/week*/*.py)
SLIDES_DEPS := scenes/publish/slides.py
PUBLISH_DEPS := $(filter-out $(SLIDES_DEPS),$(wildcard scenes/publish/*.py)) scenes/publish/panels.js scenes/kit/look.py manim.cfg

.DEFAULT_GOAL := help
.PHONY: help setup list check test update-references bench all publish slides panels clean

help:
	@echo "make week3            render week 3's clips to renders/$(QUALITY)/week3/ (QUALITY=low|medium|high|4k)"
	@echo "make all              render every week that has scenes"
	@echo "make publish-week3    week 3's lecture video, captions, chapters, thumbnails -> renders/$(QUALITY)/index.html"
	@echo "make publish          publish every week that has scenes"
	@echo "make slides-week3     week 3 as a manim-slides presentation -> renders/$(QUALITY)/week3/slides/index.html"
	@echo "make panels           preview every scene's interactive panel (no clips needed) -> renders/panels/index.html"
	@echo "make list             the series: week, scene, title, output path"
	@echo "make check            validate course.toml"
	@echo "make test             the test suite"
	@echo "make bench            render benchmark -> renders/bench/results.md"
	@echo "make update-references  re-record the key-frame references of the visual tests"

setup: $(VENV)

$(VENV): pyproject.toml scripts/bootstrap.sh
	@bash scripts/bootstrap.sh
	@touch $@

# Per-clip rules, regenerated whenever the course config or the code (its imports) changes.
-include $(GENERATED)
$(GENERATED): course.toml $(CODE) | $(VENV)
	@$(PY) -m scenes makefile --output $@

all: $(ALL_CLIPS)

publish: $(PUBLISHED_WEEKS)

slides: $(SLIDES_WEEKS)

panels: | $(VENV)
	$(PY) -m scenes panels $(SCENES)

list: | $(VENV)
	@$(PY) -m scenes list --quality $(QUALITY)

check: | $(VENV)
	@$(PY) -m scenes check

test: | $(VENV)
	$(PY) -m pytest -n 2

update-references: | $(VENV)
	$(PY) -m pytest -n 2 tests/test_scenes.py --update-references

bench: | $(VENV)
	$(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf renders/.make media renders/*/week*/.*.work renders/*/week*/.slide-renders/.*.work
