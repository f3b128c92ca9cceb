// Package httpx is the HTTP layer the web pages (web/) and the JSON API
// (api/) share, so that each rule of the transport is written once:
//
//   - status.go: the one table from csto's error kinds to HTTP statuses;
//   - problem.go: RFC 9457 problem details (application/problem+json);
//   - gzip.go: response compression for clients that accept it.
//
// It holds no rule of the record: who may act is registry.Permit's.
package httpx
