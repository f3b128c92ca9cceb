package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/rules"
)

// The rules engine on the command line: obligations at a date, the
// compliance of the recorded history, what-if scenarios. All read the
// record; none writes.

func init() {
	commands["obligations"] = command{"who is bound to help a state attacked on a date: csto obligations --target STATE [--aggressor STATE] --at DATE", cmdObligations}
	commands["compliance"] = command{"the Treaty's rules over the recorded history: force between members, conflicting alliances, operations, decisions", cmdCompliance}
	commands["scenario"] = command{"what-if, writing nothing: csto scenario aggression --target STATE --aggressor STATE --at DATE", cmdScenario}
}

// ruleWords are the labels of the text output.
var ruleWords = map[string]csto.Text{
	"obligations": {AR: "الالتزامات تجاه %s في %s", EN: "Obligations toward %s on %s", RU: "Обязательства перед %s на %s"},
	"none":        {AR: "لا التزامات", EN: "no obligations", RU: "обязательств нет"},
	"allies":      {AR: "الحلفاء", EN: "allies", RU: "союзники"},
	"standing":    {AR: "بوضع آخر", EN: "other standing", RU: "иной статус"},
	"target":      {AR: "وضع الدولة المستهدفة", EN: "target's status", RU: "статус цели"},
	"conditions":  {AR: "الشروط", EN: "conditions", RU: "условия"},
	"conflicts":   {AR: "تعارضات مع %s", EN: "Conflicts with %s", RU: "Конфликты с %s"},
	"findings":    {AR: "النتائج: %d", EN: "Findings: %d", RU: "Выводы: %d"},
	"events":      {AR: "الأحداث", EN: "events", RU: "события"},
	"sources":     {AR: "المصادر", EN: "sources", RU: "источники"},
	"reading":     {AR: "قراءة", EN: "reading", RU: "прочтение"},
	"scenario":    {AR: "سيناريو: عدوان %s على %s في %s", EN: "Scenario: %s attacks %s on %s", RU: "Сценарий: %s нападает на %s %s"},
	"steps":       {AR: "الخطوات التي تقتضيها المعاهدة (السجل: %s)", EN: "Steps the Treaty requires (record searched: %s)", RU: "Шаги, которых требует Договор (поиск в записи: %s)"},
	"who":         {AR: "من يتصرف", EN: "who acts", RU: "кто действует"},
	"chair":       {AR: "الرئيس", EN: "chair", RU: "председатель"},
	"record":      {AR: "ما يُظهره السجل", EN: "the record shows", RU: "запись показывает"},
	"nothing":     {AR: "لا شيء مسجل", EN: "nothing recorded", RU: "ничего не записано"},
	// A reading of a compliance finding rests on the preferred date or
	// on a contested claim (rules.Reading.Basis).
	"basis.preferred": {AR: "بالتاريخ المرجّح", EN: "preferred", RU: "по предпочтительной дате"},
	"basis.claim":     {AR: "بالرواية المتنازع عليها", EN: "claim", RU: "по оспариваемой версии"},
}

func rw(lang csto.Lang, key string, args ...any) string {
	t := ruleWords[key]
	if len(args) == 0 {
		return t.In(lang)
	}
	return fmt.Sprintf(t.In(lang), args...)
}

// ruleQuery parses the flags of the obligations and scenario commands.
func ruleQuery(env *Env, name string, args []string) (*common, rules.ScenarioQuery, []string, error) {
	fs := newFlagSet(env, name)
	var c common
	c.register(fs, env, true)
	target := fs.String("target", "", "the state attacked (ISO alpha-3)")
	aggressor := fs.String("aggressor", "", "the attacking state (ISO alpha-3)")
	atS := fs.String("at", "", "the date of the attack (EDTF); default today")
	window := fs.Int("within", rules.DefaultWindow, "scenario: days after the attack to search the record for what was done")
	pos, err := parse(fs, args)
	if err != nil {
		return nil, rules.ScenarioQuery{}, nil, err
	}
	var q rules.ScenarioQuery
	if q.Lang, err = c.language(); err != nil {
		return nil, q, nil, err
	}
	if *target == "" {
		return nil, q, nil, usagef("--target: give the state attacked (ISO alpha-3, e.g. KAZ)")
	}
	if q.At, err = dateFlag(env, "at", *atS); err != nil {
		return nil, q, nil, err
	}
	if *window < 1 || *window > 3650 {
		return nil, q, nil, usagef("--within: %d is not a number of days from 1 to 3650", *window)
	}
	q.Target, q.Aggressor, q.Window = strings.ToUpper(*target), strings.ToUpper(*aggressor), *window
	return &c, q, pos, nil
}

// cmdObligations: csto obligations --target STATE [--aggressor STATE] --at DATE [--json]
func cmdObligations(ctx context.Context, env *Env, args []string) error {
	c, q, pos, err := ruleQuery(env, "obligations", args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	rep, err := rules.Obligations(m, q.Query)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, rep)
	}
	printObligations(env.Stdout, q.Lang, rep)
	return nil
}

func printObligations(w io.Writer, lang csto.Lang, rep rules.Report) {
	fmt.Fprintln(w, rw(lang, "obligations", rep.Target, rep.At))
	if len(rep.Obligations) == 0 {
		fmt.Fprintln(w, "  "+rw(lang, "none"))
	}
	for _, o := range rep.Obligations {
		head := o.Alliance + "  " + i18n.T(lang, "provision."+o.Obligation)
		if o.Article != "" {
			head += "  " + i18n.Cite(lang, o.Article)
		}
		if o.AmendedBy != "" {
			head += " (" + o.AmendedBy + ")"
		}
		fmt.Fprintf(w, "\n  %s  [%s]\n", head, i18n.T(lang, "certainty."+string(o.Certainty)))
		fmt.Fprintf(w, "    %s: %s\n", rw(lang, "allies"), strings.Join(o.Allies, ", "))
		if len(o.AlliesStatus) > 0 {
			var ss []string
			for _, s := range o.AlliesStatus {
				ss = append(ss, fmt.Sprintf("%s %s %s %s", s.State, i18n.T(lang, "status."+string(s.Status)), i18n.T(lang, "since"), s.Since))
			}
			fmt.Fprintf(w, "    %s: %s\n", rw(lang, "standing"), strings.Join(ss, "; "))
		}
		if o.TargetStatus != "" {
			fmt.Fprintf(w, "    %s: %s\n", rw(lang, "target"), i18n.T(lang, "status."+string(o.TargetStatus)))
		}
		for _, cnd := range o.Conditions {
			fmt.Fprintf(w, "    – %s\n", cnd)
		}
		if o.Note != "" {
			fmt.Fprintf(w, "    (%s)\n", o.Note)
		}
	}
	if rep.Aggressor != "" {
		fmt.Fprintf(w, "\n%s\n", rw(lang, "conflicts", rep.Aggressor))
		if len(rep.Conflicts) == 0 {
			fmt.Fprintln(w, "  —")
		}
		for _, cf := range rep.Conflicts {
			art := ""
			if cf.Article != "" {
				art = " " + i18n.Cite(lang, cf.Article)
			}
			obs := make([]string, len(cf.Obligations))
			for i, o := range cf.Obligations {
				obs[i] = i18n.T(lang, "provision."+o)
			}
			fmt.Fprintf(w, "  %s  %s  %s%s: %s  [%s]\n", i18n.T(lang, "web.obl.conflict."+cf.Kind), cf.State, cf.Alliance, art, strings.Join(obs, i18n.T(lang, "web.comma")), i18n.T(lang, "certainty."+string(cf.Certainty)))
		}
	}
}

// cmdCompliance: csto compliance [--json]
func cmdCompliance(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "compliance")
	var c common
	c.register(fs, env, true)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	lang, err := c.language()
	if err != nil {
		return err
	}
	m, done, err := openModel(ctx, env, &c)
	if err != nil {
		return err
	}
	defer done()
	rep, err := rules.Compliance(m, lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, rep)
	}
	w := env.Stdout
	fmt.Fprintln(w, rw(lang, "findings", len(rep.Findings)))
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "\n%-22s %s  %s  [%s]\n", f.Date, i18n.Cite(lang, f.Rule), strings.Join(f.States, ", "), i18n.T(lang, "certainty."+string(f.Certainty)))
		fmt.Fprintf(w, "%-22s   %s\n", "", f.Summary)
		ids := make([]string, len(f.Events))
		for i, e := range f.Events {
			ids[i] = e.ID
		}
		fmt.Fprintf(w, "%-22s   %s: %s\n", "", rw(lang, "events"), strings.Join(ids, ", "))
		srcs := make([]string, len(f.Sources))
		for i, s := range f.Sources {
			srcs[i] = s.ID
		}
		fmt.Fprintf(w, "%-22s   %s: %s\n", "", rw(lang, "sources"), strings.Join(srcs, ", "))
		for _, r := range f.Readings {
			ov := r.Overlap
			if ov == "" {
				ov = "—"
			}
			fmt.Fprintf(w, "%-22s   %s %s %s = %s → %s\n", "", rw(lang, "reading"), rw(lang, "basis."+r.Basis), r.Event, r.Date, ov)
		}
	}
	return nil
}

// cmdScenario: csto scenario aggression --target STATE --aggressor STATE --at DATE [--within DAYS] [--json]
func cmdScenario(ctx context.Context, env *Env, args []string) error {
	c, q, pos, err := ruleQuery(env, "scenario", args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "aggression" {
		return usagef("usage: csto scenario aggression --target STATE --aggressor STATE --at DATE [--within DAYS] [--json]")
	}
	if q.Aggressor == "" {
		return usagef("--aggressor: give the attacking state (ISO alpha-3, e.g. AZE)")
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	sc, err := rules.AggressionScenario(m, q)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, sc)
	}
	w := env.Stdout
	fmt.Fprintln(w, rw(q.Lang, "scenario", sc.Aggressor, sc.Target, sc.At))
	fmt.Fprintln(w)
	printObligations(w, q.Lang, sc.Obligations)
	fmt.Fprintf(w, "\n%s\n", rw(q.Lang, "steps", sc.Window))
	if sc.Note != "" {
		fmt.Fprintf(w, "  %s\n", sc.Note)
	}
	for i, s := range sc.Steps {
		fmt.Fprintf(w, "\n  %d. %s (%s %s): %s\n", i+1, i18n.T(q.Lang, "web.obl.step."+s.Step), s.Alliance, i18n.Cite(q.Lang, s.Article), s.Requires)
		fmt.Fprintf(w, "     %s: %s", rw(q.Lang, "who"), strings.Join(s.Who, ", "))
		if s.Chair != "" {
			fmt.Fprintf(w, "; %s: %s", rw(q.Lang, "chair"), s.Chair)
		}
		fmt.Fprintln(w)
		if len(s.Record) == 0 {
			fmt.Fprintf(w, "     %s: %s\n", rw(q.Lang, "record"), rw(q.Lang, "nothing"))
		}
		for _, e := range s.Record {
			out := ""
			if e.Outcome != "" {
				out = " (" + i18n.T(q.Lang, "outcome."+e.Outcome) + ")"
			}
			fmt.Fprintf(w, "     %s %s%s: %s\n", e.Date, e.ID, out, e.Text)
		}
	}
	return nil
}
