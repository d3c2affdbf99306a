# Noise Ball. The two commands: 'make serve' builds everything and serves
# the page on 127.0.0.1; 'make test' runs every test. See README.md.

SHELL    := /bin/bash
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMEXEC := node --stack-size=8192 $(CURDIR)/tools/wasmexec/run.js $(GOROOT)
NB       := bin/noiseball
ADDR     ?= 127.0.0.1:8080
# go test's default 10-minute limit is a timing assertion: the browser
# tests took 11 minutes on a busy 2-core machine. A hang still ends.
TEST_TIMEOUT := 60m
# Longest first, so two at a time finish together.
MODELS   := cnn-pgd-linf0.1 cnn-pgd-l2-1.0 cnn-clean cnn-gauss0.1 cnn-gauss0.4 linear-clean linear-gauss0.4

.PHONY: serve page site dist offline node wabt npm axe bench-browser test data models results bench tools browser lint depcheck fmacheck test-native test-wasm test-browser reproduce reproduce-quick qemu clean FORCE

# debian checks for a command ($1) and, as root on Debian, installs its
# package ($2); otherwise it stops naming the package. $3 names the
# program for people, $4 says what it does here.
define debian
command -v $1 >/dev/null || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then echo "installing $3 ($2: it $4)"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $2 >/dev/null; else echo "$3 is missing: install the Debian package '$2' (it $4)"; exit 1; fi; }
endef

## serve: build the page and serve it on $(ADDR); the files are
## compressed in the background meanwhile (the first time, a minute or two)
serve: page
	$(NB) serve -dir site -addr $(ADDR) -precompress best

## page: build the page into site/ (outputs are git-ignored), uncompressed
page: tools data $(NB) site/app.wasm site/worker.wasm site/fetcher.wasm site/simd.wasm site/wasm_exec.js

## site: build the page and precompress it (brotli 11: a minute or two
## the first time); prints raw, gzip and brotli sizes
site: page
	$(NB) precompress -dir site

## dist: the page as a folder for any static web host, in out/dist:
## content-hashed names, brotli and gzip copies (see README); with
## URL=https://host/path/, the link preview's full address
URL ?=
dist: site
	$(NB) dist -site site -out out/dist $(if $(URL),-url $(URL))

## offline: the page as one HTML file that works from disk with no
## server and no network, out/noiseball.html
offline: page
	$(NB) offline -site site -out out/noiseball.html

# The page program, the compute worker and the asset fetcher. A rebuild that changes nothing
# keeps the old file, so its brotli copy (a minute to make) stays fresh.
# The page program and the fetcher are built without inlining outside our
# own packages: brotli makes app.wasm 12% smaller then (1.87 MB, not
# 2.13), and the page's own compute is light; the worker, which computes,
# keeps the compiler's defaults.
GCFLAGS_app     := -gcflags=all=-l -gcflags=noiseball/...=
GCFLAGS_fetcher := $(GCFLAGS_app)
# The compute worker imports the SIMD matrix kernel (core/gemm/simd_js.go),
# which worker.js offers from site/simd.wasm.
TAGS_worker     := -tags simd128
site/app.wasm site/worker.wasm site/fetcher.wasm: site/%.wasm: FORCE
	@echo "building $*.wasm (a minute the first time)"
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(GCFLAGS_$*) $(TAGS_$*) -ldflags='-s -w' -o $@.tmp ./wasm/$*
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

# The SIMD matrix kernel, assembled from its WebAssembly text.
site/simd.wasm: core/gemm/simd128.wat | wabt
	wat2wasm $< -o $@

## wabt: check for (and, as root, install) Debian's wabt, whose wat2wasm
## assembles the SIMD kernel
wabt:
	@$(call debian,wat2wasm,wabt,wat2wasm,assembles the SIMD kernel core/gemm/simd128.wat)

site/wasm_exec.js: FORCE
	cmp -s "$(GOROOT)/lib/wasm/wasm_exec.js" $@ || cp "$(GOROOT)/lib/wasm/wasm_exec.js" $@

$(NB): FORCE
	@echo "building the noiseball command (a minute the first time)"
	$(GO) build -o $@ ./tools/noiseball

## data: fetch MNIST from the Go module proxy into site/assets/data, or
## check the SHA-256 of the copy there (and fetch it again if it differs)
data: $(NB)
	$(NB) data

## test: every test: native, the plain packages again under GOOS=js
## GOARCH=wasm with node, the paper's claims, and the page in headless
## Chromium (screenshots and measured numbers in out/browser)
test: tools node qemu data lint depcheck fmacheck test-native test-wasm reproduce-quick test-browser
	@echo "make test: all checks passed"

# The browser tests run alone afterwards: they measure frame rates.
test-native:
	$(GO) test -count=1 -timeout $(TEST_TIMEOUT) $$($(GO) list ./... | grep -v /tools/browsertest)

# With the simd128 tag, as the compute worker is built: the matrix kernels
# run on the SIMD kernel, which tools/wasmexec/run.js offers (the stock
# runner cannot link it); core/gemm's tests compare it with the pure-Go
# kernels bit for bit.
test-wasm: site/simd.wasm
	GOOS=js GOARCH=wasm $(GO) test -tags simd128 -count=1 -timeout $(TEST_TIMEOUT) -exec="$(WASMEXEC)" ./core/... ./wasm/state ./wasm/scene ./wasm/jobs ./wasm/heavyjobs ./wasm/glyphs ./wasm/layout

test-browser: browser axe site
	@mkdir -p out
	$(GO) test -count=1 -timeout $(TEST_TIMEOUT) -v ./tools/browsertest 2>&1 | tee out/browser-test.log | grep -E '^(---|ok|FAIL|PASS)|browser_test.go|_test.go:'; \
		exit $${PIPESTATUS[0]}

# The paper's qualitative claims on small samples (about a minute); fails
# if one that holds on MNIST stops holding.
reproduce-quick: $(NB)
	$(NB) reproduce -quick -out out/reproduce-quick

## results: regenerate the zoo's shipped results, which the page shows at
## once: Fig. 2/4 per model (30 minutes on one core when last made) and
## the compare scene's table from 'noiseball reproduce' (6 minutes on 2
## cores); commit the files
results: data $(NB)
	for m in $(MODELS); do $(NB) bound -model $$m -n 50 -out site/assets/results/bound-$$m.json || exit 1; done
	$(NB) reproduce -out out/reproduce
	cp out/reproduce/compare.json site/assets/results/compare.json

## reproduce: the full measurement run (about 10 minutes on 2 cores)
reproduce: data $(NB)
	$(NB) reproduce -out out/reproduce

# staticcheck, pinned, built from the Go module proxy into bin/.
STATICCHECK := bin/staticcheck
STATICCHECK_VERSION := v0.8.2

$(STATICCHECK):
	GOBIN=$(CURDIR)/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

## lint: gofmt, go vet and staticcheck, natively and for GOOS=js GOARCH=wasm
lint: $(STATICCHECK)
	@out=$$(gofmt -l core tools wasm); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet -tags simd128 ./core/gemm ./core/nn ./wasm/worker
	$(STATICCHECK) ./...
	GOOS=js GOARCH=wasm $(STATICCHECK) ./...
	GOOS=js GOARCH=wasm $(STATICCHECK) -tags simd128 ./core/gemm ./core/nn ./wasm/worker

depcheck:
	$(GO) run ./tools/depcheck

# No fused multiply-add in core/ on arm64 or GOAMD64=v3, so that the CLI
# there computes the page's bits (tools/fmacheck says why and how).
fmacheck:
	$(GO) run ./tools/fmacheck

## tools: check for Go and fetch the modules the build needs
tools:
	@command -v $(GO) >/dev/null || { echo "Go is missing: install Go 1.26 or newer from https://go.dev/dl/"; exit 1; }
	@$(GO) mod download

## node: check for (and, as root, install) Node.js, which runs the GOOS=js tests
node:
	@$(call debian,node,nodejs,Node.js,runs the GOOS=js GOARCH=wasm tests)

# axe-core, pinned, from npm into bin/axe: the browser tests run it on
# every scene (accessibility rules: names, roles, contrast, ARIA).
AXE_VERSION := 4.14.1
AXE := bin/axe/node_modules/axe-core/axe.min.js

## axe: fetch axe-core from npm for the accessibility test
axe: $(AXE)

$(AXE): | npm
	npm install --silent --no-audit --no-fund --prefix bin/axe axe-core@$(AXE_VERSION)

# TensorFlow.js, pinned, from npm into bin/tfjs: 'make bench-browser'
# measures the engine against its wasm backend.
TFJS_VERSION := 4.22.0
TFJS := bin/tfjs/node_modules/@tensorflow/tfjs/dist/tf.min.js

$(TFJS): | npm
	npm install --silent --no-audit --no-fund --prefix bin/tfjs @tensorflow/tfjs@$(TFJS_VERSION) @tensorflow/tfjs-backend-wasm@$(TFJS_VERSION)

## npm: check for (and, as root, install) npm, which fetches axe-core
## and TensorFlow.js
npm:
	@$(call debian,npm,npm,npm,fetches axe-core and TensorFlow.js)

## bench-browser: the engine against TensorFlow.js's wasm-SIMD backend
## on the same cnn workloads in headless Chromium, and the heavy scenes
## with and without the SIMD kernel (about 15 minutes; not part of 'make
## test'): a table, out/bench-browser.json and out/bench-browser.log
bench-browser: browser site $(TFJS)
	@mkdir -p out
	NB_BENCH=1 $(GO) test -count=1 -timeout $(TEST_TIMEOUT) -run 'TestBenchBrowser' -v ./tools/browsertest 2>&1 | tee out/bench-browser.log | grep -E '^(---|ok|FAIL|PASS)|_test.go|^[|]|^Engine|^accuracy'; \
		exit $${PIPESTATUS[0]}

## browser: check for (and, as root, install) Debian's Chromium for the browser tests
browser:
	@$(call debian,chromium,chromium,Chromium,runs the browser tests)

## qemu: on an amd64 Linux machine, check for (and, as root, install)
## Debian's qemu-user, whose qemu-aarch64 runs the CLI built for arm64 so
## a test can compare its numbers with the native build's
qemu:
	@if [ "$$(uname -sm)" = "Linux x86_64" ]; then $(call debian,qemu-aarch64,qemu-user,qemu-user,runs the CLI built for arm64 so a test can compare its numbers with the native build's); fi

## models: retrain the whole shipped zoo (about an hour on 2 cores)
models: data $(NB)
	$(MAKE) -j2 $(addprefix model-,$(MODELS))

model-%: data
	$(NB) train -zoo $* -workers 1

## bench: kernel, network, noise and search benchmarks, natively and under
## wasm (node) on Go's kernels and on the SIMD kernel
bench: site/simd.wasm
	$(GO) test -run '^$$' -bench . -benchtime 2s ./core/gemm ./core/nn ./core/noise ./core/attack
	GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench . -benchtime 2s -exec="$(WASMEXEC)" ./core/gemm ./core/nn ./core/noise ./core/attack
	GOOS=js GOARCH=wasm $(GO) test -tags simd128 -run '^$$' -bench . -benchtime 2s -exec="$(WASMEXEC)" ./core/gemm ./core/nn ./core/noise ./core/attack

clean:
	rm -rf bin site/*.wasm site/wasm_exec.js site/assets/data
	find site -name '*.gz' -delete -o -name '*.br' -delete
