package hugepages

import (
	"os"
	"runtime"
	"testing"
	"unsafe"
)

// Advise leaves what a slice holds as it was, for slices too small to hold
// a huge page (nothing to ask), of every alignment, and of a type larger
// than a byte; where the kernel has transparent huge pages it accepts the
// request.
func TestAdvise(t *testing.T) {
	_, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled")
	offered := runtime.GOOS == "linux" && err == nil
	type entry struct {
		id  string
		seq int64
		sum [3]byte
	}
	for _, n := range []int{0, 1, Size/int(unsafe.Sizeof(entry{})) - 1, 3 * Size / int(unsafe.Sizeof(entry{}))} {
		es := make([]entry, n/2, n)
		for i := range es {
			es[i] = entry{id: "e", seq: int64(i), sum: [3]byte{byte(i)}}
		}
		if err := Advise(es); err != nil && offered {
			t.Errorf("%d entries: %v", n, err)
		}
		for i := range es {
			if es[i].seq != int64(i) || es[i].id != "e" || es[i].sum[0] != byte(i) {
				t.Fatalf("%d entries: entry %d changed: %+v", n, i, es[i])
			}
		}
		es = append(es[:cap(es)], entry{id: "past"}) // the memory stays usable to its end
		if es[len(es)-1].id != "past" {
			t.Fatalf("%d entries: the appended entry reads %+v", n, es[len(es)-1])
		}
	}
	// Every offset into a buffer of bytes, from a page's start to past its
	// end, stays inside the buffer.
	b := make([]byte, 3*Size)
	for _, off := range []int{0, 1, 4095, Size - 1, Size, Size + 1} {
		if err := Advise(b[off:]); err != nil && offered {
			t.Errorf("offset %d: %v", off, err)
		}
	}
}
