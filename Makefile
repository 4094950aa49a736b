# Two commands (see README):  make demo   and   make test  (make run serves the live store)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run demo test bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# install, then answer /scrutiny from the live store (./scrutiny.db or $SCRUTINY_DB)
# (a console with no Slack variables; Socket Mode or HTTP with them)
run: $(BIN)/.installed
	$(BIN)/scrutiny serve

# the bundled demo papers in a store of their own (./demo.db), then answer from it
demo: $(BIN)/.installed
	$(BIN)/scrutiny demo

# install and run every test
test: $(BIN)/.installed
	$(BIN)/python -m pytest -q -n 2  # two workers: the suite waits on subprocesses and sockets as much as it computes

bench: $(BIN)/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
