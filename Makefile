# The two set-up commands: `make run` (main job on the sample) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SAMPLE ?= ../shared/data/samples/aleppo-2016
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean system-packages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storyweave run $(SAMPLE) --db storyweave.db --out out

# Debian packages the tests drive for real (command they provide = package): chromium for the
# browser tests, PostgreSQL for the store contract suite, Redis for the ingest log. Installed
# when missing (as root, or with sudo -n); where that cannot be done the
# tests that need them skip, or fail when CI is set.
SYSTEM_PACKAGES ?= chromium=chromium pg_ctlcluster=postgresql redis-server=redis-server

system-packages:
	@missing=""; for entry in $(SYSTEM_PACKAGES); do \
	  command -v "$${entry%%=*}" >/dev/null 2>&1 || missing="$$missing $${entry#*=}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo -n"; fi; \
	  echo "make: installing$$missing for the tests"; \
	  { $$sudo apt-get update -qq \
	    && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } \
	  || echo "make: could not install$$missing; the tests that need them will skip (fail under CI)"; \
	fi

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/mypy src

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/clustering.py
	$(BIN)/python benchmarks/summaries.py
	$(BIN)/python benchmarks/story_building.py
	$(BIN)/python benchmarks/entities.py
	$(BIN)/python benchmarks/api_load.py

clean:
	rm -rf out storyweave.db storyweave.db-wal storyweave.db-shm
