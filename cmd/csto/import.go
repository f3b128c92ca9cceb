package main

import (
	"context"
	"sort"
	"strings"
)

// importers are the kinds of `csto import KIND …`, each added by its own
// file's init function.
var importers = map[string]func(ctx context.Context, env *Env, args []string) error{}

func init() {
	commands["import"] = command{"import data: csto import article FILE | csto import atop --members PATH", cmdImport}
}

func cmdImport(ctx context.Context, env *Env, args []string) error {
	kinds := make([]string, 0, len(importers))
	for k := range importers {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	if len(args) == 0 || importers[args[0]] == nil {
		return usagef("usage: csto import %s …", strings.Join(kinds, "|"))
	}
	return importers[args[0]](ctx, env, args[1:])
}
