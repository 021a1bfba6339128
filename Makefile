# qararat — the two commands a new machine needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
SAMPLE := corpora/A_RES_76_186_ar_ocr.txt
OUT := out

.PHONY: venv run test lint eval models bench bench-instructions clean-out

venv: $(STAMP)

# torch comes with camel-tools: constraints.txt pins the CPU wheel on this machine's disk.
$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p $(OUT)
	$(VENV)/bin/qararat analyze $(SAMPLE) --format summary
	$(VENV)/bin/qararat analyze $(SAMPLE) --format json -o $(OUT)/A_RES_76_186.json
	$(VENV)/bin/qararat clean $(SAMPLE) -o $(OUT)/A_RES_76_186.clean.txt --corrections $(OUT)/A_RES_76_186.corrections.json
	$(VENV)/bin/qararat report $(SAMPLE) -o $(OUT)/A_RES_76_186.report.html --csv $(OUT)/A_RES_76_186.corrections.csv
	$(VENV)/bin/qararat stats $(SAMPLE) --format table --table strength_profile
	$(VENV)/bin/qararat stats $(SAMPLE) --format table --table document_themes
	@echo "wrote $(OUT)/A_RES_76_186.json, .clean.txt, .corrections.json, .report.html"

test: $(STAMP)
	$(VENV)/bin/ruff check nlp tests
	$(VENV)/bin/mypy nlp/qararat
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check nlp tests scripts benchmarks
	$(VENV)/bin/mypy nlp/qararat

eval: $(STAMP)
	$(PY) scripts/eval_ocr.py
	$(PY) scripts/eval_calibration.py unseen3,unseen4
	$(PY) scripts/eval_calibration.py unseen5
	$(PY) scripts/eval_calibration.py unseen6
	$(PY) scripts/eval_calibration.py unseen7
	$(PY) scripts/eval_calibration.py unseen8
	$(PY) scripts/eval_ocr_rules.py
	$(PY) scripts/eval_ocr_rules.py --sets unseen3,unseen4,unseen5,unseen6,unseen7,unseen8
	$(PY) scripts/eval_clauses.py
	$(PY) scripts/eval_themes.py
	$(PY) scripts/eval_adapt.py
	$(PY) scripts/eval_formats.py
	$(PY) scripts/eval_compare.py
	$(PY) -m qararat.structure.evaluate corpora/dev corpora/ocr/clean corpora/ocr/fax corpora/ocr/noisy --labels corpora/dev/labels
	$(PY) -m qararat.structure.evaluate corpora/ocr/clean corpora/ocr/fax corpora/ocr/noisy --labels corpora/dev/labels --pipeline --wrap 80
	$(PY) scripts/eval_layouts.py
	$(PY) scripts/eval_ocr_layout.py

models: $(STAMP)
	$(PY) scripts/train_clause_model.py
	$(PY) scripts/train_ocr_calibrator.py

bench: $(STAMP)
	$(PY) benchmarks/bench_speed.py
	$(PY) benchmarks/bench_batch.py
	$(PY) benchmarks/bench_parallel_ceiling.py

# instructions per word under valgrind: compares code versions on a machine whose speed drifts
bench-instructions: $(STAMP)
	$(PY) benchmarks/bench_instructions.py

clean-out:
	rm -rf $(OUT)
