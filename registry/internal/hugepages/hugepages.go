// Package hugepages asks the kernel to back a large slice with transparent
// huge pages, where the system grants them on request.
//
// A slice of a few hundred megabytes filled from start to end (a
// snapshot's entries) takes a page fault, and a zeroed page, for every
// 4 KiB it reaches: at a million entries that was about a third of the
// start's system time. Backed by 2 MiB pages it takes one fault per 2 MiB.
// Linux offers this by madvise(MADV_HUGEPAGE) when its mode is "madvise"
// (the default of many distributions); the Go runtime does not ask for its
// heap. Nothing else changes: the memory holds the same, and the kernel
// falls back to small pages when it has no huge one.
package hugepages

import "unsafe"

// Size is the size of a huge page where Advise asks for them.
const Size = 2 << 20

// Advise asks that the whole huge pages inside s's backing array, up to its
// capacity, be huge. It is best effort: the error says only that the kernel
// refused, and it does nothing (and returns nil) for a slice holding no
// whole huge page, and on systems other than Linux.
func Advise[T any](s []T) error {
	var zero T
	size := uintptr(cap(s)) * unsafe.Sizeof(zero)
	if size < Size {
		return nil
	}
	p := unsafe.Pointer(unsafe.SliceData(s[:cap(s)]))
	skip := -uintptr(p) & (Size - 1) // to the first whole huge page
	if size-skip < Size {
		return nil
	}
	n := (size - skip) &^ (Size - 1)
	return advise(unsafe.Slice((*byte)(unsafe.Add(p, skip)), n))
}
