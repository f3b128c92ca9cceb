package api

// ExportBuilds is how many times the server has built a research export
// (rules.BuildExport), for the tests of the built exports it keeps.
func (s *Server) ExportBuilds() int {
	s.exports.mu.Lock()
	defer s.exports.mu.Unlock()
	return s.exports.builds
}

// BuildEveryExport makes the server build every export it is asked for,
// as it did before it kept them (for the benchmark's side by side).
func (s *Server) BuildEveryExport() { s.exports.off = true }
