// Package atop reads the Alliance Treaty Obligations and Provisions (ATOP)
// data, version 5.1, and the Correlates of War (COW) state list, and
// derives from them the state-year and dyad-year views ATOP itself
// publishes. It is the data half of csto's comparison of the CSTO with the
// world's other alliances; the registry and CLI build on it.
//
// # Files
//
//   - atop5_1m.csv, the member level (one row per member of each phase of
//     each alliance): ReadMembers, type Member.
//   - atop5_1a.csv, the alliance level: ReadAlliances, type Alliance.
//   - atop5_1aph.csv, the alliance-phase level: ReadPhases, type Phase.
//   - states2016.csv, the COW state system: ReadCOW, type COWState.
//
// Load reads the three ATOP files of a directory into a Dataset, and
// NewDataset builds one from rows already read; both check that the
// files agree with each other (members, phases, obligations).
//
// Columns are found by their header name, so their order does not matter;
// every column the package reads must be present, and columns it does not
// know are ignored. Each value is checked against the ATOP 5.1 codebook
// (section 2 and Appendix B): a row that breaks a rule is reported as a
// *RowError naming the file, the 1-based line and the column, e.g.
//
//	atop5_1m.csv:17: yrent: "19x2" is not a year
//
// By default a read fails at the first bad row and returns no rows, so a
// caller writes nothing from a partly bad file; with Options.SkipBad the
// bad rows are skipped and returned as a list. Missing values (empty, or
// ATOP's older code -9) are accepted only in the columns the codebook lets
// be missing; they become Missing for a Code field.
//
// # Dates
//
// ATOP writes a date as three numbers (yrent, moent, dayent; yrexit,
// moexit, dayexit; begyr…endday). They become edtf.Date values by these
// rules, which Date and the readers implement:
//
//  1. Year, month and day known: a day-precision date, 1992-05-15.
//  2. Day 0 or missing: a month-precision date, 1992-05 (ATOP: "if an exact
//     day … cannot be identified, DAYENT is coded as missing").
//  3. Month 0 or missing (the codebook says it never happens for an entry;
//     the rule is kept for any file that does it): a year-precision date.
//     A day without a month is an error.
//  4. An exit year of 0 means no exit: the membership was still in force
//     on 31 December 2018, the last day ATOP 5.1 observes (INEFFECT = 1).
//     Month and day must then be 0 too. Such a membership has a zero Exit
//     and its Spell is open ("1992-05-15/.."): the data say nothing about
//     any end after DatasetEnd, which is kept apart as a fact about the
//     dataset rather than written in as an exit.
//  5. A date must exist in the calendar (no 1993-02-30) and lie within
//     ATOP's years, 1815–2018; an exit may not come before its entry.
//
// An exit day is the day the commitment ends, and the next phase of the
// same alliance begins on that very day (phase 1 of the Collective
// Security Treaty ends on 2002-10-07 and phase 2 begins on 2002-10-07). A
// membership is therefore read as the half-open span [entry, exit): a
// state that leaves on the day another joins (the German Federal Republic
// and united Germany on 1990-10-03) never shares the alliance with it.
//
// # State-years and dyad-years
//
// StateYears and DyadYears expand member rows into the rows of ATOP's own
// derived files (codebook sections 2.5–2.7); their doc comments give the
// rules and where the member-level data cannot reproduce ATOP's hand
// corrections.
//
// # State codes and names
//
// StateCode maps every COW country code in atop5_1m.csv to the code csto
// keys states by (ISO 3166-1 alpha-3, ISO 3166-3 for former states,
// "COW-" plus the COW abbreviation for states ISO never coded); Names
// gives a state's name in Arabic, English and Russian.
package atop
