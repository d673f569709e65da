# The template's own tasks.
#   make demo   generate the default project into build/demo with copier, set it up, run its demo
#   make test   the template tests: both engines, every variant, and the generated projects
#   make test-fast   the same without the generated projects' own make targets (seconds)
#   make bench  every preset's own `make bench`, collected into docs/benchmarks.md (slow:
#               run it on an idle machine; BENCH="--rounds 5 classification" to choose)
# Both install the template's dev tools into .venv first, if they are missing or outdated.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := build/demo

.PHONY: demo test test-fast bench lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile --group dev
	touch $@

# --vcs-ref=HEAD: the work tree as it is (copier adds uncommitted changes), not the latest tag.
demo: $(VENV)/.installed
	rm -rf $(DEMO)
	$(BIN)/copier copy --trust --defaults --vcs-ref=HEAD . $(DEMO)
	$(MAKE) -C $(DEMO) setup
	$(MAKE) -C $(DEMO) demo

# One worker per core (at most four): a generated project's setup waits on the package
# index while another one's tests use the CPU. Tests are handed out one at a time as
# workers free up, in collection order (--dist loadgroup --no-loadscope-reorder), the
# generated projects' checks first (tests/conftest.py), so that no check runs alone at the
# end. The exception is a group (xdist_group): the tests of one rendered configuration of
# tests/test_render_matrix.py go to one worker together, which renders it once. The
# slowest tests are listed at the end.
TEST_WORKERS ?= auto --maxprocesses=4
test: $(VENV)/.installed
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder --durations=15

test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not generated"

bench: $(VENV)/.installed
	$(BIN)/python docs/benchmarks.py $(BENCH)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check --exclude '*.md' .

clean:
	rm -rf $(VENV) build
