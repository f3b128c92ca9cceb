package api

// ExportBuilds is how many times the server has built a research export
// (rules.BuildExport), for the tests of the built exports it keeps.
func (s *Server) ExportBuilds() int {
	return s.built.exports.count()
}

// BuildEveryExport makes the server build every export it is asked for,
// as it did before it kept them (for the benchmark's side by side).
func (s *Server) BuildEveryExport() { s.built.exports.off = true }

// PanelBuilds is how many times the server has built a JSON state- or
// dyad-year panel.
func (s *Server) PanelBuilds() int {
	n := 0
	for _, k := range []interface{ count() int }{&s.built.stateYears, &s.built.dyadYears} {
		n += k.count()
	}
	return n
}

func (b *kept[V]) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.builds
}
