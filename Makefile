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

test: $(STAMP)
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

clean:
	rm -rf out storyweave.db storyweave.db-wal storyweave.db-shm
