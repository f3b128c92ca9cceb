#!/usr/bin/env bash
# Runs registry's BenchmarkSubmitAtScale on this checkout and on another
# build (default: the merge base with main), alternating, in one run, and
# prints each result, so that docs/PERFORMANCE.md can give ratios
# measured side by side.
#
#   tools/writes-bench.sh [BEFORE_REF] [COUNT]
#   BENCH='ConcurrentSubmit' BENCHTIME=2000x tools/writes-bench.sh
set -euo pipefail
bench=${BENCH:-SubmitAtScale}
benchtime=${BENCHTIME:-150x}
before=${1:-$(git merge-base HEAD main)}
count=${2:-3}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/before" "$before" >/dev/null
# The benchmark uses only the public API: the same file runs on both.
cp registry/bench_test.go "$work/before/registry/bench_test.go"
go test -c -o "$work/after.test" ./registry/
(cd "$work/before" && go test -c -o "$work/before.test" ./registry/)
for i in $(seq "$count"); do
	for b in before after; do
		echo "== $b ($i)"
		(cd registry && "$work/$b.test" -test.run '^$' -test.bench "$bench" -test.benchtime "$benchtime") | grep '^Benchmark'
	done
done
