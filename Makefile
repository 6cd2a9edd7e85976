# `make run` and `make test` do all the set-up on a fresh machine: they create .venv and install on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench locales clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]" -c constraints.txt
	touch $(STAMP)

# Loads the sample plans, then the bot: Telegram/Zalo when their tokens are set in .env, else the terminal
# chat as an officer of the demo unit (DEMO_UNIT).
DEMO_UNIT ?= VP
run: $(STAMP)
	$(BIN)/nhacviec plans import samples/plans/*.txt
	$(BIN)/nhacviec run --as "$(DEMO_UNIT)" --role officer

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n 2 -m "not serial"
	$(BIN)/python -m pytest -q -m serial

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/genre.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/qa.py
	$(BIN)/python bench/chat.py
	$(BIN)/python bench/dispatch.py
	$(BIN)/python bench/status.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache

# Re-extract messages and merge them into the catalogues; translate new ones in
# locales/vi/LC_MESSAGES/nhacviec.po (and en), then compile the .mo files. tests/test_locales.py fails on an
# untranslated or fuzzy message, or a .mo older than its .po.
locales: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o locales/nhacviec.pot --no-location --omit-header -k n_:1,2 \
		--project=nhacviec bot nhacviec scheduler
	$(BIN)/pybabel update -i locales/nhacviec.pot -d locales -D nhacviec --ignore-obsolete --no-fuzzy-matching \
		--width=120
	$(BIN)/pybabel compile -d locales -D nhacviec
