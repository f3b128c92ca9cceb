package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/csto/csto/edtf"
	"github.com/csto/csto/internal/httpx"
)

// The OpenAPI 3.1 document is derived from the route table and the Go
// types of bodies and responses, so it cannot drift from the code: every
// path, parameter, body, response and error is in it.

var (
	docOnce sync.Once
	docJSON []byte
)

// OpenAPI returns the OpenAPI 3.1 document as JSON.
func OpenAPI() []byte {
	docOnce.Do(func() {
		b, err := json.MarshalIndent(buildDoc(Routes()), "", "  ")
		if err != nil {
			panic(err)
		}
		docJSON = b
	})
	return docJSON
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(OpenAPI())
}

type obj = map[string]any

var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

func buildDoc(routes []Route) obj {
	g := &schemaGen{defs: obj{}}
	problem := g.schema(reflect.TypeOf(httpx.Problem{}))
	errResp := func(desc string) obj {
		return obj{"description": desc, "content": obj{"application/problem+json": obj{"schema": problem}}}
	}
	paths := obj{}
	for _, rt := range routes {
		op := obj{"summary": rt.Summary, "operationId": operationID(rt), "tags": []string{rt.Tag}}
		var params []obj
		for _, m := range pathParam.FindAllStringSubmatch(rt.Pattern, -1) {
			params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": obj{"type": "string"}})
		}
		for _, p := range rt.Params {
			params = append(params, obj{"name": p.Name, "in": "query", "required": false, "description": p.Description, "schema": paramSchema(p.Type)})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if rt.Body != nil {
			op["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": g.schema(reflect.TypeOf(rt.Body))}}}
		}
		resps := obj{
			"400": errResp("Bad input: a malformed value, an unknown field, a wrong type; the detail names the field"),
			"404": errResp("Unknown path or record"),
			"500": errResp("A fault of csto's; the instance (request ID) identifies it in the logs"),
		}
		ok := "200"
		if rt.Created {
			ok = "201"
		}
		switch {
		case strings.HasPrefix(rt.RawType, "text/"):
			resps[ok] = obj{"description": "OK", "content": obj{rt.RawType: obj{"schema": obj{"type": "string"}}}}
		case rt.Raw != nil && rt.Resp == nil:
			resps[ok] = obj{"description": "OK", "content": obj{rt.RawType: obj{"schema": obj{"type": "object"}}}}
		case rt.Resp != nil:
			resps[ok] = obj{"description": "OK", "content": obj{"application/json": obj{"schema": g.schema(reflect.TypeOf(rt.Resp))}}}
			if rt.Pattern == "/readyz" {
				resps["503"] = obj{"description": "Not ready", "content": obj{"application/json": obj{"schema": g.schema(reflect.TypeOf(rt.Resp))}}}
			}
		default:
			resps["204"] = obj{"description": "Done"}
		}
		if !rt.Public || rt.Write || rt.Expensive {
			resps["401"] = errResp("No or bad credentials")
		}
		if rt.Write {
			resps["403"] = errResp("The actor may not do this (the rule is named), or the CSRF token is missing")
			resps["409"] = errResp("Refused by a rule of the Treaty, the Charter or the record (the rule is named)")
			resps["413"] = errResp("Body too large")
			resps["415"] = errResp("Body not application/json")
		}
		if rt.Pattern == "/api/v1/session" && rt.Method == "POST" {
			resps["429"] = errResp("Too many failed sign-ins")
		}
		if rt.Expensive {
			resps["429"] = errResp("Too many requests to the expensive endpoints without credentials; Retry-After says when to try again")
		}
		op["responses"] = resps
		if !rt.Public {
			op["security"] = []obj{{"bearer": []string{}}, {"session": []string{}}}
		}
		item, _ := paths[rt.Pattern].(obj)
		if item == nil {
			item = obj{}
			paths[rt.Pattern] = item
		}
		item[strings.ToLower(rt.Method)] = op
	}
	return obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":   "csto API",
			"version": "1",
			"description": "The Collective Security Treaty Organization as a system of record: members at any date, institutions, " +
				"procedures (requests, sessions, consensus decisions, operations), history with sources. Errors are RFC 9457 " +
				"problem details with a stable kind and the rule or field at fault.",
		},
		"servers": []obj{{"url": "/"}},
		"paths":   paths,
		"components": obj{
			"schemas": g.defs,
			"securitySchemes": obj{
				"bearer":  obj{"type": "http", "scheme": "bearer", "description": "An API token from `csto token create`"},
				"session": obj{"type": "apiKey", "in": "cookie", "name": SessionCookie, "description": "A web session from POST /api/v1/session; writes must echo its CSRF token in X-CSRF-Token"},
			},
		},
	}
}

func operationID(rt Route) string {
	id := strings.ToLower(rt.Method)
	for _, part := range strings.Split(strings.TrimPrefix(strings.TrimPrefix(rt.Pattern, "/api/v1/"), "/"), "/") {
		part = strings.TrimSuffix(part, ".json")
		if strings.HasPrefix(part, "{") {
			id += "By" + strings.ToUpper(part[1:2]) + part[2:len(part)-1]
			continue
		}
		id += strings.ToUpper(part[:1]) + part[1:]
	}
	return id
}

func paramSchema(t string) obj {
	switch t {
	case "integer":
		return obj{"type": "integer"}
	case "edtf":
		return obj{"type": "string", "format": "edtf"}
	case "lang":
		return obj{"type": "string", "enum": []string{"ar", "en", "ru"}}
	}
	return obj{"type": "string"}
}

// schemaGen turns Go types into JSON Schema (2020-12, as OpenAPI 3.1
// uses), following encoding/json's rules; named structs become
// components referenced by $ref.
type schemaGen struct {
	defs  obj
	names map[reflect.Type]string // the component name of each named struct
	taken map[string]bool
}

// nameOf returns the component name of t: its Go name, qualified by its
// package when another type already has that name (drafts.Draft and
// importer.Draft).
func (g *schemaGen) nameOf(t reflect.Type) (string, bool) {
	if n, ok := g.names[t]; ok {
		return n, true
	}
	if g.names == nil {
		g.names, g.taken = map[reflect.Type]string{}, map[string]bool{}
	}
	n := t.Name()
	if g.taken[n] {
		pkg := t.PkgPath()
		pkg = pkg[strings.LastIndex(pkg, "/")+1:]
		n = strings.ToUpper(pkg[:1]) + pkg[1:] + n
	}
	g.names[t], g.taken[n] = n, true
	return n, false
}

var (
	dateType = reflect.TypeOf(edtf.Date{})
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

func (g *schemaGen) schema(t reflect.Type) obj {
	switch t {
	case dateType:
		return obj{"type": "string", "format": "edtf", "description": "an EDTF date (ISO 8601-2), e.g. 2008-07-22, 2008-07, 1993, 1996-23, 1999/2000, 2024-02-22/.."}
	case timeType:
		return obj{"type": "string", "format": "date-time"}
	case rawType:
		return obj{}
	}
	if a, ok := reflect.Zero(t).Interface().(interface{ JSONSchemaItems() any }); ok {
		// A type that encodes as an array of its items (registry.MemberRows).
		return obj{"type": "array", "items": g.schema(reflect.TypeOf(a.JSONSchemaItems()))}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return obj{"anyOf": []obj{g.schema(t.Elem()), {"type": "null"}}}
	case reflect.String:
		return obj{"type": "string"}
	case reflect.Bool:
		return obj{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return obj{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return obj{"type": "number"}
	case reflect.Slice, reflect.Array:
		return obj{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return obj{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return obj{}
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		name, seen := g.nameOf(t)
		if !seen {
			g.defs[name] = obj{} // placeholder against recursion
			g.defs[name] = g.object(t)
		}
		return obj{"$ref": "#/components/schemas/" + name}
	}
	panic(fmt.Sprintf("openapi: no schema for %s", t))
}

// object describes a struct: a property per JSON field; required unless
// omitempty/omitzero; a nil slice or map without omitempty may be null.
func (g *schemaGen) object(t reflect.Type) obj {
	props := obj{}
	var required []string
	g.fields(t, props, &required)
	o := obj{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func (g *schemaGen) fields(t reflect.Type, props obj, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			g.fields(f.Type, props, required)
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := g.schema(f.Type)
		optional := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		if !optional && (f.Type.Kind() == reflect.Slice && f.Type != rawType || f.Type.Kind() == reflect.Map) {
			s = obj{"anyOf": []obj{s, {"type": "null"}}}
		}
		props[name] = s
		if !optional {
			*required = append(*required, name)
		}
	}
}
