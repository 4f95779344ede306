# Each target sets up .venv itself: a fresh machine needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsreader --articles articles $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check tui tests benchmarks
	$(BIN)/ruff format --check tui tests benchmarks
	$(BIN)/mypy

# The reader against newsboat and a bare Textual app; the queue's writes; a 100,000-comment
# queue; hostile files.
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(ARGS)
	$(BIN)/python -m benchmarks.queue_writes
	$(BIN)/python -m benchmarks.queue_big
	$(BIN)/python -m benchmarks.hostile

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
