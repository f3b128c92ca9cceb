package iox

import (
	"io"
	"os"
)

// PlaceSynced writes a new file beside its final name and puts it there
// whole or not at all: it creates a temporary file in dir (mode 0600, named
// by pattern as os.CreateTemp names), fills it with write, syncs and closes
// it, then calls place with its name (a rename over the final name, or a
// link that refuses to replace one). The temporary name is removed in any
// case, so a failure leaves nothing behind.
func PlaceSynced(dir, pattern string, write func(io.WriteSeeker) error, place func(tmp string) error) error {
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a rename, nothing is there
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return place(tmp.Name())
}
