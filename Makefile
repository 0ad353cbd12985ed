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
SCENE_DEPS := $(wildcard calcviz/*.py) $(wildcard scenes/*.py) manim.cfg

.DEFAULT_GOAL := help
.PHONY: help setup list check test update-references bench all clean

help:
	@echo "make week3            render week 3's clips to renders/$(QUALITY)/week3/ (QUALITY=low|medium|high|4k)"
	@echo "make all              render every week that has scenes"
	@echo "make list             the series: week, scene, title, output path"
	@echo "make check            validate course.toml"
	@echo "make test             the test suite"
	@echo "make bench            render benchmark -> renders/bench/results.md"
	@echo "make update-references  re-record the key-frame references of the visual tests"

setup: $(VENV)

$(VENV): pyproject.toml scripts/bootstrap.sh
	@bash scripts/bootstrap.sh
	@touch $@

# Per-clip rules, regenerated whenever the course config changes.
-include $(GENERATED)
$(GENERATED): course.toml scenes/params.py scenes/course.py scenes/makegen.py | $(VENV)
	@$(PY) -m scenes makefile --output $@

all: $(ALL_CLIPS)

list: | $(VENV)
	@$(PY) -m scenes list --quality $(QUALITY)

check: | $(VENV)
	@$(PY) -m scenes check

test: | $(VENV)
	$(PY) -m pytest -n 2

update-references: | $(VENV)
	$(PY) -m pytest -n 2 tests/test_scenes.py --update-references

bench: | $(VENV)
	$(PY) scripts/bench.py

clean:
	rm -rf renders/.make media renders/*/week*/.*.work
