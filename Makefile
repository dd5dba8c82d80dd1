# The two set-up commands: `make run` (main job on the sample) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SAMPLE ?= ../shared/data/samples/aleppo-2016
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storyweave run $(SAMPLE) --db storyweave.db --out out

# The browser tests drive Debian's chromium: install it when missing (as root, or with sudo -n);
# where that cannot be done they skip, or fail when CI is set.
test: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo -n"; fi; \
	  echo "make test: installing chromium for the browser tests"; \
	  { $$sudo apt-get update -qq \
	    && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
	  || echo "make test: could not install chromium; the browser tests will skip (fail under CI)"; \
	}
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
