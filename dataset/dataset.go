// Package dataset embeds the CSTO's default history: a file of commands
// replayed into an empty store on first start, through the same
// validation as live use (see README.md beside this file).
package dataset

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"sort"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

//go:embed history/*.json
var history embed.FS

// Actor is the actor recorded on the events the history loads.
var Actor = csto.Actor{Role: csto.RoleSystem, State: "history"}

// Commands returns the history's commands in replay order: files by
// name, commands in file order.
func Commands() ([]csto.Command, error) { return Read(history) }

// Read decodes the command files history/*.json of fsys in replay order.
// An error names the file and the command's position in it.
func Read(fsys fs.FS) ([]csto.Command, error) {
	var all []csto.Command
	err := eachFile(fsys, func(n string, b []byte) error {
		var raw []json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
		for i, r := range raw {
			var c csto.Command
			dec := json.NewDecoder(bytes.NewReader(r))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c); err != nil {
				return fmt.Errorf("%s: command %d: %w", n, i+1, err)
			}
			all = append(all, c)
		}
		return nil
	})
	return all, err
}

// readIDs returns the IDs of the commands Read decodes, in their order,
// decoding nothing else: a fifth of the time, which every start of the
// command line and every server spends (Lacks, Load). A file Read
// refuses is Read's to name.
func readIDs(fsys fs.FS) ([]string, error) {
	var ids []string
	err := eachFile(fsys, func(n string, b []byte) error {
		var cmds []struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(b, &cmds); err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
		for _, c := range cmds {
			ids = append(ids, c.ID)
		}
		return nil
	})
	return ids, err
}

// eachFile calls fn with each command file of fsys, by name.
func eachFile(fsys fs.FS, fn func(name string, b []byte) error) error {
	names, err := fs.Glob(fsys, "history/*.json")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return err
		}
		if err := fn(n, b); err != nil {
			return err
		}
	}
	return nil
}

// Load appends the history's commands that the log does not have yet, in
// one transaction, and returns how many it added. Running it again adds
// nothing.
func Load(ctx context.Context, reg *registry.Registry) (int, error) {
	// The usual case, a log that has them all, is answered from the model
	// and the commands' IDs, without the write transaction (the log only
	// grows: what the model holds, the log holds).
	ids, err := readIDs(history)
	if err != nil {
		return 0, err
	}
	if lack, err := lacks(ctx, reg.Model(), ids); err != nil || !lack {
		return 0, err
	}
	cmds, err := Commands()
	if err != nil {
		return 0, err
	}
	evs, err := reg.SubmitNew(ctx, Actor, cmds...)
	return len(evs), err
}

// Lacks reports whether m lacks some command of the history: whether Load
// would append anything to the log m was built from. It reads m only, so
// a reader that finds nothing lacking never takes the write lock.
func Lacks(m *registry.Model) (bool, error) {
	ids, err := readIDs(history)
	if err != nil {
		return false, err
	}
	return lacks(context.Background(), m, ids)
}

func lacks(ctx context.Context, m *registry.Model, ids []string) (bool, error) {
	seqs, err := m.CommandSeqs(ctx, ids)
	return slices.Contains(seqs, 0), err
}
