#!/usr/bin/env bash
# What a user gets from `make install` and `make package`, checked from the build directory:
#   install_test.sh prefix BUILD_DIR SOURCE_DIR VERSION REVISION_OVERRIDE GIT CMAKE
#     `cmake --install` into a temporary prefix (and once more with DESTDIR), then the installed
#     binary's --version (with the git revision), `drydock validate` and `drydock run` on a copy of the
#     installed examples, the man page, the docs, and that nothing else is installed.
#   install_test.sh deb BUILD_DIR SOURCE_DIR VERSION CPACK
#     the .deb that `make package` builds, made into a temporary directory: its name, control fields
#     (Depends from dpkg-shlibdeps: the libraries the binary links, not python3) and contents.
# Everything happens in a fresh temporary directory, removed on success and kept (path printed) on
# failure. Prints one line per failed check; exits 1 if any failed.
set -uo pipefail
mode=$1 build=$2 source=$3 version=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drydock-install-test.XXXXXX")
failures=0
done_ok=0
trap 'if [ $done_ok = 1 ]; then rm -rf "$tmp"; else echo "install test: kept $tmp"; fi' EXIT

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# expect_file PATH...: each PATH exists and is not empty.
expect_file() {
  for file in "$@"; do
    [ -s "$file" ] || fail "missing: ${file#"$tmp"/}"
  done
}
finish() {
  echo "install test ($mode): $failures failed check(s)"
  [ $failures = 0 ] && done_ok=1
  [ $failures = 0 ]
  exit
}

# The text `drydock --version` must print: the revision as cmake/GitRevision.cmake finds it, worked
# out again here (git's short hash, "-dirty" for changed tracked files, nothing outside a checkout).
expected_version() {
  local override=$1 git=$2 revision="" top hash
  if [ -n "$override" ]; then
    revision=$override
  elif [ -n "$git" ] && top=$("$git" -C "$source" rev-parse --show-toplevel 2>/dev/null) &&
    [ "$(realpath "$top")" = "$(realpath "$source")" ] &&
    hash=$("$git" -C "$source" rev-parse --short=7 HEAD 2>/dev/null); then
    revision=$hash
    if [ -n "$("$git" --no-optional-locks -C "$source" status --porcelain --untracked-files=no)" ]; then
      revision+=-dirty
    fi
  fi
  if [ -n "$revision" ]; then
    echo "drydock $version (git $revision)"
  else
    echo "drydock $version"
  fi
}

check_prefix_install() {
  local override=$1 git=$2 cmake=$3
  local prefix=$tmp/prefix bin=$tmp/prefix/bin/drydock
  if ! "$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log"
    fail "cmake --install --prefix failed"
    return
  fi

  # --version names the revision.
  local want got
  want=$(expected_version "$override" "$git")
  got=$("$bin" --version)
  [ "$got" = "$want" ] || fail "--version printed '$got', expected '$want'"
  if [ -z "$override" ] && ! [[ $got =~ ^drydock\ [0-9]+\.[0-9]+\.[0-9]+(\ \(git\ [0-9a-f]{7,}(-dirty)?\))?$ ]]; then
    fail "--version '$got' does not look like 'drydock X.Y.Z (git abcdef0)'"
  fi
  if readelf -d "$bin" | grep -qE 'RPATH|RUNPATH'; then
    fail "the installed binary has an RPATH: $(readelf -d "$bin" | grep -E 'RPATH|RUNPATH')"
  fi

  # The installed examples are the source tree's, and work from a copy: quickstart's drydock.yaml
  # reaches the Python adapter as ../workers/.
  local examples=$prefix/share/drydock/examples
  diff -r --exclude=.drydock --exclude=__pycache__ --exclude="*.pyc" "$source/examples" "$examples" >/dev/null ||
    fail "share/drydock/examples differs from examples/"
  cp -R "$examples" "$tmp/work"
  local out rc
  out=$(cd "$tmp/work/quickstart" && NO_COLOR=1 "$bin" validate 2>&1)
  rc=$?
  [ $rc = 1 ] || fail "drydock validate on the quickstart copy exited $rc, expected 1: $out"
  for line in "templates/IAM/Roles/breakglass.yaml:7:7: error: IncludeAccounts.ByIds[0]: Not a valid string." \
    "8 files checked: 7 ok, 1 with errors (1 error, 1 warning)"; do
    grep -qxF -- "$line" <<<"$out" || fail "drydock validate did not print: $line"$'\n'"$out"
  done
  out=$(cd "$tmp/work/quickstart" && env -u FAIL_ACCOUNTS PYTHONDONTWRITEBYTECODE=1 NO_COLOR=1 "$bin" run \
    S3PublicAccessBlockShip --payload templates/S3/PublicAccessBlock/workloads.yaml \
    --account-id 100000000005 --region us-east-1 --state "$tmp/state" 2>&1)
  rc=$?
  [ $rc = 0 ] || fail "drydock run of the installed Python example worker exited $rc: $out"
  grep -qF "BlockPublicS3: done for 100000000005/us-east-1" <<<"$out" ||
    fail "the installed example worker did not run: $out"

  # The man page: one section per command, and groff finds nothing to warn about.
  local man=$prefix/share/man/man1/drydock.1
  expect_file "$man"
  grep -q '^\.TH DRYDOCK 1 ' "$man" || fail "drydock.1 has no .TH DRYDOCK 1 header"
  local command
  for command in $("$bin" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }') \
    "dlq replay" "org generate" "clock advance"; do
    grep -qxF ".SS drydock $command" "$man" || fail "drydock.1 has no section for 'drydock $command'"
  done
  if command -v groff >/dev/null; then
    local warnings
    warnings=$(groff -man -k -ww -z -Tutf8 "$man" 2>&1)
    [ -z "$warnings" ] || fail "groff warns about drydock.1: $warnings"
  else
    fail "groff is missing ('make deps' installs groff-base)"
  fi

  # The docs.
  local doc
  for doc in "$source"/docs/*.md; do
    expect_file "$prefix/share/doc/drydock/$(basename "$doc")"
  done
  expect_file "$prefix/share/doc/drydock/ci.md" "$examples/workers/starfleet_adapter.py" \
    "$examples/workers/flaky_worker.py" "$examples/ci/github-actions/drydock.yml"

  # Nothing else (tests/, bench/, build files).
  local stray
  stray=$(cd "$prefix" && find . -type f | grep -vxE '\./bin/drydock|\./share/man/man1/drydock\.1|\./share/doc/drydock/[^/]+\.md|\./share/drydock/examples/.+')
  [ -z "$stray" ] || fail "unexpected installed files:"$'\n'"$stray"

  # DESTDIR stages the same tree under another root.
  if DESTDIR=$tmp/stage "$cmake" --install "$build" --prefix /usr >"$tmp/install.log" 2>&1; then
    expect_file "$tmp/stage/usr/bin/drydock" "$tmp/stage/usr/share/man/man1/drydock.1" \
      "$tmp/stage/usr/share/doc/drydock/validate.md" "$tmp/stage/usr/share/drydock/examples/quickstart/drydock.yaml"
  else
    cat "$tmp/install.log"
    fail "DESTDIR=... cmake --install failed"
  fi
}

check_deb() {
  local cpack=$1
  if ! "$cpack" --config "$build/CPackConfig.cmake" -B "$tmp" >"$tmp/cpack.log" 2>&1; then
    cat "$tmp/cpack.log"
    fail "cpack failed"
    return
  fi
  local deb=$tmp/drydock_${version}_$(dpkg --print-architecture).deb
  expect_file "$deb"
  [ -s "$deb" ] || return

  local field
  for field in Package:drydock Version:"$version" Section:devel Priority:optional Suggests:python3; do
    [ "$(dpkg-deb -f "$deb" "${field%%:*}")" = "${field#*:}" ] ||
      fail "${field%%:*} is '$(dpkg-deb -f "$deb" "${field%%:*}")', expected '${field#*:}'"
  done
  for field in Maintainer Homepage Description; do
    [ -n "$(dpkg-deb -f "$deb" "$field")" ] || fail "the .deb has no $field"
  done
  local depends lib
  depends=$(dpkg-deb -f "$deb" Depends)
  for lib in libc6 libstdc++6 libfmt libsqlite3 libssl libexpat1 libcpp-httplib; do
    [[ ", $depends" == *", $lib"* ]] || fail "Depends lacks $lib: $depends"
  done
  [[ $depends != *python* ]] || fail "Depends names python (only the examples use it): $depends"

  local contents
  contents=$(dpkg-deb -c "$deb" | awk '{ print $NF }')
  for file in ./usr/bin/drydock ./usr/share/man/man1/drydock.1 ./usr/share/doc/drydock/validate.md \
    ./usr/share/drydock/examples/workers/starfleet_adapter.py ./usr/share/drydock/examples/quickstart/drydock.yaml; do
    grep -qxF "$file" <<<"$contents" || fail "the .deb lacks $file"
  done
  local stray
  stray=$(grep -E '/(tests|bench)/|\.(o|a|cmake)$' <<<"$contents")
  [ -z "$stray" ] || fail "the .deb holds build or test files:"$'\n'"$stray"
}

case $mode in
  prefix) check_prefix_install "$5" "$6" "$7" ;;
  deb) check_deb "$5" ;;
  *) fail "unknown mode $mode" ;;
esac
finish
