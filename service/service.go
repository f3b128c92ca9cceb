// Package service is what the CLI and the API both call to act: one
// method per procedure step, taking the actor and a typed input, building
// the command (its ID and its text in three languages), submitting it
// through the registry, and returning the resulting state. The rules
// themselves live in the registry; nothing here decides what is allowed.
package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// Service acts on one registry. Every step is an act: it takes effect
// on the day it is recorded, by the registry's clock (registry.Now), and
// a date given with it must be that day.
type Service struct {
	Reg *registry.Registry
}

// New returns a service on reg.
func New(reg *registry.Registry) *Service { return &Service{Reg: reg} }

// RecordSource is the source cited by acts submitted through csto itself
// (defined with the other source kinds in package csto).
const RecordSource = csto.RecordSource

// submit builds a command from the current model and submits it as actor.
// IDs derived from the model (req-kaz-2022-01-05-2) can be taken by a
// concurrent writer between the build and the append; the append then
// refuses the duplicate, and submit builds again from the newer model, a
// few times, before giving up with the conflict.
func (s *Service) submit(ctx context.Context, actor csto.Actor, build func(m *registry.Model) (csto.Command, error)) (*registry.Model, error) {
	for attempt := 0; ; attempt++ {
		m, err := s.Reg.Refresh(ctx)
		if err != nil {
			return nil, err
		}
		c, err := build(m)
		if err != nil {
			return nil, err
		}
		_, err = s.Reg.Submit(ctx, actor, c)
		if err == nil {
			return s.Reg.Model(), nil
		}
		var ce *csto.Error
		if attempt == 4 || !errors.As(err, &ce) || ce.Kind != csto.Conflict || ce.Field != "id" && ce.Rule != "unique-id" {
			return nil, inputField(err)
		}
	}
}

// inputField names a refusal's field as the caller sent it: the service's
// inputs carry a command's data fields at their top level ("troops"),
// while the registry names them inside the command ("data.troops").
func inputField(err error) error {
	var ce *csto.Error
	if !errors.As(err, &ce) || !strings.HasPrefix(ce.Field, "data.") {
		return err
	}
	named := *ce
	named.Field = strings.TrimPrefix(ce.Field, "data.")
	return &named
}

// date returns d, or the registry's today when d is zero. The registry
// refuses any other day than the recording day for an act.
func (s *Service) date(d edtf.Date) edtf.Date {
	if !d.IsZero() {
		return d
	}
	return s.Reg.Today()
}

func command(typ, id string, date edtf.Date, text csto.Text, data any) (csto.Command, error) {
	b, err := json.Marshal(data)
	if err != nil {
		return csto.Command{}, err
	}
	return csto.Command{ID: id, Type: typ, Date: date, Sources: []string{RecordSource}, Text: text, Data: b}, nil
}

// stateOf returns state, or the actor's own state when state is empty.
func stateOf(state string, actor csto.Actor) string {
	if state == "" {
		state = actor.State
	}
	return strings.ToUpper(state)
}

func name(m *registry.Model, code string) func(csto.Lang) string {
	return func(l csto.Lang) string {
		if s := m.States[code]; s != nil {
			return s.Name.In(l)
		}
		return code
	}
}

func orgName(m *registry.Model, id string) func(csto.Lang) string {
	return func(l csto.Lang) string {
		if o := m.Orgs[id]; o != nil {
			return o.Name.In(l)
		}
		return id
	}
}

func label(prefix, v string) func(csto.Lang) string {
	return func(l csto.Lang) string { return i18n.T(l, prefix+v) }
}

// nextID returns base, or base-2, base-3… whichever is not taken.
func nextID(base string, taken func(string) bool) string {
	id := base
	for i := 2; taken(id); i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	return id
}

func nonce() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func dayID(d edtf.Date) string {
	return strings.NewReplacer("/", "_", "?", "", "~", "", "%", "", ".", "").Replace(d.String())
}

func yearOf(d edtf.Date) int {
	y, _, _ := d.Earliest().Date()
	return y
}

// orDefault returns v, or def when v is empty.
func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// need returns an invalid error for a missing required field.
func need(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return csto.Errorf(csto.Invalid, field, "required")
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
