// Package rules is csto's treaty rules engine and its bridge to the
// world's alliances. It reads a registry.Model and never writes: every
// answer is computed from the record as it stands.
//
//   - Provisions (provisions.go): the articles of an organization's
//     instruments in force at a date, in the wording then in force (an
//     amendment replaces the article it amends from its entry into force),
//     and the provisions they make in the ATOP vocabulary plus the
//     Treaty's non-use of force among members.
//   - Obligations (obligations.go): if a state is attacked on a date, who
//     is bound to help it, under which article, on what conditions, and
//     which of its allies are bound to the aggressor too. The curated CSTO
//     and the ATOP alliances are read side by side; ATOP's own record of
//     the CSTO (4220) gives way to the curated one.
//   - Compliance (compliance.go): the rules run over the recorded history:
//     force between members (CST Art. 1), membership of a grouping a
//     source holds contrary to the alliance (Art. 1, noothall) under every
//     claimed date, operations without a decision of the Council (Art. 6),
//     decisions that may break their body's rule.
//   - Scenarios (scenario.go): what the Treaty requires if a member is
//     attacked on a date (request, consultations, the Council's decision,
//     assistance, notice to the UN Security Council), who must act at each
//     step, and what the record shows was done. Nothing is written.
//   - ATOP (atop.go, export.go, reconcile.go): the commands that import
//     ATOP 5.1 into the record, the research exports in ATOP's own
//     state-year and dyad-year layouts (ATOP, the curated CSTO, or both),
//     and the reconciliation of ATOP's CSTO with the curated record.
//
// Rules are named after the article they implement ("CST Art. 1"), as
// the registry names its refusals; docs/ATOP.md says where csto's reading
// differs from ATOP's and why.
package rules
