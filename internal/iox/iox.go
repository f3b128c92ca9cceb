// Package iox holds the small io helpers csto's packages share.
package iox

import "io"

// Counter is a writer that passes what it is given to W and counts the
// bytes W took.
type Counter struct {
	W io.Writer
	N int64
}

func (c *Counter) Write(p []byte) (int, error) {
	n, err := c.W.Write(p)
	c.N += int64(n)
	return n, err
}
