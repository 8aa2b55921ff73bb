# Two commands for a newcomer:  `make run` (the app on demo data) and `make test`.
# Both create .venv and install everything they need on first use.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PORT   ?= 8501

.PHONY: run test demo lint format browser clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m geo setup-assets
	rm -f $(VENV)/.installed-* && touch $(STAMP)

data/dashboard.db: | $(STAMP)
	$(PY) -m geo demo

## The app on the demo county (built on first run) at http://localhost:$(PORT)
run: $(STAMP) data/dashboard.db
	$(PY) -m streamlit run app.py --server.port=$(PORT)

## Rebuild the demo county
demo: $(STAMP)
	$(PY) -m geo demo

## Lint, format check and the whole test suite (browser tests need Chromium: `make browser`)
test: $(STAMP) browser
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## Debian's Chromium and the fonts for the browser tests and PDFs (Chinese; DejaVu and Symbola for
## Arabic, symbols and emoji), and nginx for several app processes (python -m geo serve);
## installed when we may (root + apt), otherwise the browser and proxy tests say they are
## skipped (and fail under CI=true).
DEBIAN_PACKAGES := chromium fonts-wqy-microhei fonts-dejavu-core fonts-symbola nginx-light
browser:
	@if dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing $(DEBIAN_PACKAGES) with apt-get"; \
		dpkg --configure -a >/dev/null 2>&1 || true; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; \
	else echo "note: missing some of $(DEBIAN_PACKAGES) and no root apt-get here; browser tests may be skipped"; fi

clean:
	rm -rf $(VENV) static/vendor .pytest_cache .ruff_cache test-artifacts
