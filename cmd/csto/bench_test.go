package main

import (
	"context"
	"io"
	"testing"
	"time"
)

// BenchmarkFirstStart measures a first start on an empty data directory:
// create the SQLite file, migrate, replay the default history in one
// transaction, and answer `members --json`.
func BenchmarkFirstStart(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		env := &Env{Stdout: io.Discard, Stderr: io.Discard, Now: time.Now,
			Getenv: func(k string) string {
				if k == "CSTO_DATA_DIR" {
					return dir
				}
				return ""
			}}
		if code := env.Run(context.Background(), []string{"members", "--json"}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkLaterStart measures a start on an initialised directory: open,
// replay the log into memory, check the history for new commands, answer.
func BenchmarkLaterStart(b *testing.B) {
	dir := b.TempDir()
	env := &Env{Stdout: io.Discard, Stderr: io.Discard, Now: time.Now,
		Getenv: func(k string) string {
			if k == "CSTO_DATA_DIR" {
				return dir
			}
			return ""
		}}
	if code := env.Run(context.Background(), []string{"members"}); code != 0 {
		b.Fatalf("exit %d", code)
	}
	for b.Loop() {
		if code := env.Run(context.Background(), []string{"members", "--json"}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
