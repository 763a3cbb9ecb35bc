#!/usr/bin/env bash
# Runs every black-box CLI case under CASES_DIR. A case is a folder holding:
#   cmd        the arguments to drydock, one per line (run from the case folder; "@ROOT@" expands to
#              the source root, "@TMP@" to a fresh empty directory that is removed afterwards)
#   expected   the expected stdout (optional; compared exactly)
#   stderr     a line that stderr must contain (optional)
#   contains   lines that stdout must each contain (optional; for outputs with ids or times in them)
#   env        NAME=value lines added to the environment (optional)
#   exit       the expected exit code (default 0)
#   cwd        the directory to run in, relative to the source root (default: the case folder)
# Prints a unified diff for each mismatch; exits 1 if any case failed.
set -u
bin=$(realpath "$1"); cases=$(realpath "$2")
root=$(cd "$cases/../../.." && pwd)
pass=0; fail=0
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  tmp=$(mktemp -d)
  mapfile -t args < <(sed -e "s#@ROOT@#$root#g" -e "s#@TMP@#$tmp#g" "$dir/cmd")
  want_exit=$(cat "$dir/exit" 2>/dev/null || echo 0)
  run_in=$dir; [ -f "$dir/cwd" ] && run_in="$root/$(cat "$dir/cwd")"
  envs=(); [ -f "$dir/env" ] && mapfile -t envs < "$dir/env"
  out=$(cd "$run_in" && env NO_COLOR=1 "${envs[@]}" "$bin" "${args[@]}" 2>"$dir/.stderr.actual"); got_exit=$?
  ok=1
  if [ "$got_exit" != "$want_exit" ]; then echo "FAIL $name: exit $got_exit, expected $want_exit"; ok=0; fi
  if [ -f "$dir/expected" ] && ! diff -u "$dir/expected" <(printf '%s\n' "$out") >/dev/null; then
    echo "FAIL $name: stdout differs"; diff -u "$dir/expected" <(printf '%s\n' "$out"); ok=0
  fi
  if [ -f "$dir/contains" ]; then
    while IFS= read -r line; do
      if ! grep -qF -- "$line" <<<"$out"; then echo "FAIL $name: stdout lacks: $line"; ok=0; fi
    done < "$dir/contains"
    [ $ok = 1 ] || printf '%s\n' "$out"
  fi
  if [ -f "$dir/stderr" ] && ! grep -qF -- "$(cat "$dir/stderr")" "$dir/.stderr.actual"; then
    echo "FAIL $name: stderr lacks: $(cat "$dir/stderr")"; cat "$dir/.stderr.actual"; ok=0
  fi
  rm -f "$dir/.stderr.actual"; rm -rf "$tmp"
  if [ $ok = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); fi
done
echo "cli cases: $pass passed, $fail failed"
[ $fail = 0 ]
