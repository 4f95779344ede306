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

# Four workers on two cores: many tests spend their time waiting on child processes and
# tmux, so the extra workers fill the gaps (109 s against 119 s with three, 2026-12-04).
# Tests marked xdist_group("tmux") share one worker, so the real-terminal tests never
# compete with each other. PYTEST_ARGS="-n0 ..." runs everything in one process.
# PYTHONDONTWRITEBYTECODE is cleared: with it set, every worker and every child process
# would compile (and pytest re-write) the tests and the package again, each run.
PYTEST_WORKERS ?= -n 4 --dist loadgroup
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Tests and benchmarks under the same strict settings, less three that are noise there:
# re-exports (a test reaches a name where it monkeypatches it), `x is y` after narrowing
# (focus moves between asserts), and `f() or value` in lambdas handed to monkeypatch.
TEST_MYPY := --implicit-reexport --disable-error-code comparison-overlap --disable-error-code func-returns-value
lint: $(STAMP)
	$(BIN)/ruff check tui tests benchmarks
	$(BIN)/ruff format --check tui tests benchmarks
	$(BIN)/mypy
	$(BIN)/mypy $(TEST_MYPY) tests benchmarks

# The reader against newsboat and a bare Textual app; the queue's writes; a 100,000-comment
# queue; hostile files; reading a 50 KB saved page; fetching 100 feeds against newsboat;
# delivering comments to a local Isso.
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(ARGS)
	$(BIN)/python -m benchmarks.queue_writes
	$(BIN)/python -m benchmarks.queue_big
	$(BIN)/python -m benchmarks.hostile
	$(BIN)/python -m benchmarks.saved_page
	$(BIN)/python -m benchmarks.long_article
	$(BIN)/python -m benchmarks.feeds
	$(BIN)/python -m benchmarks.delivery
	$(BIN)/python -m benchmarks.outbox_reader

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
