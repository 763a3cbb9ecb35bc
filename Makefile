# Drydock's front door. Every target installs what is missing first (`deps`), so on a fresh
# Debian 12 machine `make demo` and `make test` work with nothing done before.
# The build itself is CMake presets (CMakePresets.json); this file only names the common jobs.

# dpkg-dev and file: `make package` (CPack's DEB generator finds the binaries with file and their
# Depends with dpkg-shlibdeps); groff-base: the install test checks the man page with groff.
PACKAGES := cmake ninja-build pkg-config g++ ccache clang-format \
            libcli11-dev nlohmann-json3-dev libcpp-httplib-dev \
            doctest-dev libfmt-dev libsqlite3-dev libvalijson-dev libssl-dev libexpat1-dev python3 \
            dpkg-dev file groff-base awscli python3-boto3 wrk
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN      := build/drydock
PREFIX   := /usr/local
DEMO_STATE := $(CURDIR)/build/demo-state
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps release debug test asan demo bench install package check-format format tidy clean

all: release

deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build/release/build.ninja: CMakeLists.txt CMakePresets.json | deps
	cmake --preset release >/dev/null

release: deps build/release/build.ninja
	cmake --build --preset release
	@ln -sfn release/drydock $(BIN)

debug: deps
	cmake --preset debug >/dev/null
	cmake --build --preset debug

test: release
	ctest --preset release
	@[ -n "$$STARFLEET_REFERENCE" ] || echo "make test: the 'upstream files:' tests were skipped; set STARFLEET_REFERENCE to a Starfleet checkout (or a copy of its data files) to run them against upstream's own files"

asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan
	ctest --preset asan

# `make install PREFIX=DIR` (default /usr/local; DESTDIR=... stages it): the binary, man page, docs
# and examples (docs/ci.md). `sudo make install` for system prefixes.
install: release
	DESTDIR="$(DESTDIR)" cmake --install build/release --prefix "$(PREFIX)"

# The Debian package: build/release/drydock_<version>_<arch>.deb (cmake/Packaging.cmake).
package: release
	cmake --build --preset release --target package
	@ls build/release/drydock_*.deb

demo: release
	@echo "== drydock validate   (examples/quickstart: one template has a typical mistake)"
	@cd examples/quickstart && ../../$(BIN) validate; rc=$$?; \
	  echo "== exit code $$rc (1 = problems found, as expected for the demo)"; \
	  [ $$rc -le 1 ]
	@echo
	@echo "== drydock plan       (which accounts and regions each template targets)"
	@cd examples/quickstart && ../../$(BIN) plan templates/IAM/Roles/readonly.yaml \
	  templates/S3/PublicAccessBlock/workloads.yaml
	@echo
	@echo "== drydock plan --format json --messages   (the exact SQS bodies; first one shown)"
	@cd examples/quickstart && ../../$(BIN) plan --format json --messages \
	  templates/S3/PublicAccessBlock/workloads.yaml \
	  | sed -e 's/"messages": \[/\n/' -e 's/}, {"Id"/}\n{"Id"/g' | sed -n 3p
	@rm -rf $(DEMO_STATE)
	@echo
	@echo "== drydock fanout     (S3 put -> Starbase -> worker queue -> worker; it fails in 100000000003 on purpose)"
	@cd examples/quickstart && ../../$(BIN) fanout IamRoleWorkerShip --payload templates/IAM/Roles/readonly.yaml \
	  --state $(DEMO_STATE); rc=$$?; \
	  echo "== exit code $$rc (1 = dead letters, as expected: 100000000004 shared a batch of 2 with the failing account, and without ReportBatchItemFailures a failed batch is retried whole, as on AWS)"; \
	  [ $$rc -le 1 ]
	@echo
	@echo "== drydock fanout     (an ACCOUNT_REGION ship written in Python, run as a command worker;"
	@echo "                       FAIL_ACCOUNTS=100000000005 makes it raise in that account: a bug to fix)"
	@cd examples/quickstart && FAIL_ACCOUNTS=100000000005 PYTHONDONTWRITEBYTECODE=1 ../../$(BIN) fanout \
	  S3PublicAccessBlockShip --payload templates/S3/PublicAccessBlock/workloads.yaml --state $(DEMO_STATE); rc=$$?; \
	  echo "== exit code $$rc (1 = dead letters: 100000000005 in its three regions, and the message that shared a batch with one of them)"; \
	  [ $$rc -eq 1 ]
	@echo
	@echo "== drydock dlq list   (every DLQ's dead letters: id, worker, target, attempts, last error)"
	@cd examples/quickstart && ../../$(BIN) dlq list --state $(DEMO_STATE)
	@echo
	@echo "== drydock dlq show   (one of 100000000005's: body, attributes, every failed attempt; first 44 lines)"
	@cd examples/quickstart && id=$$(../../$(BIN) dlq list S3PublicAccessBlockShip --state $(DEMO_STATE) \
	  | awk '$$3 == "100000000005" { print $$1; exit }') && \
	  ../../$(BIN) dlq show "$$id" --state $(DEMO_STATE) | head -n 44
	@echo
	@echo "== the fix            (here: the Python ship runs without FAIL_ACCOUNTS), then"
	@echo "== drydock dlq replay (the dead letters back to their queue, run until idle: all green)"
	@cd examples/quickstart && env -u FAIL_ACCOUNTS PYTHONDONTWRITEBYTECODE=1 ../../$(BIN) dlq replay --all \
	  S3PublicAccessBlockShip --state $(DEMO_STATE)
	@echo
	@echo "== drydock dlq purge  (IamRoleWorkerShip's builtin fails 100000000003 by drydock.yaml, so there is no"
	@echo "                       fix to replay here: its dead letters are thrown away)"
	@cd examples/quickstart && ../../$(BIN) dlq purge --all IamRoleWorkerShip --yes --state $(DEMO_STATE)
	@echo
	@echo "== drydock queues     (the emulated SQS queues and their DLQs, in $(DEMO_STATE))"
	@cd examples/quickstart && ../../$(BIN) queues --state $(DEMO_STATE)

bench: release
	cmake --build --preset release --target drydock_bench drydock_cloud_bench
	bench/run_validate_bench.sh
	bench/run_plan_bench.sh
	build/release/bench/drydock_cloud_bench
	bench/run_dispatch_bench.sh
	bench/serve/run_serve_bench.sh build/release/drydock 10

FORMAT_FILES = $(shell git ls-files '*.cpp' '*.hpp')
check-format: deps
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "check-format: $(words $(FORMAT_FILES)) files formatted"

format: deps
	@clang-format -i $(FORMAT_FILES)

tidy: deps
	cmake --preset debug >/dev/null
	run-clang-tidy -p build/debug -quiet '$(CURDIR)/(cli|workers|emulator)/'

clean:
	rm -rf build
