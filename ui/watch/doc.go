// Package watch follows instances until each is running or has failed: the
// Tracker (tracker.go) is the poll schedule and state machine, with no
// goroutine and no clock of its own; the Panel (panel.go) draws it as a live
// table in a terminal, embedded in the wizard after a submit or alone for
// `cocvm watch` (RunPanel); Plain (plain.go) prints one line per change when
// there is no terminal.
//
// The panel's timers go through Options.After and its clock is Options.Now;
// the plain watch runs on a Clock. A watch ends with an Outcome, which the
// command line turns into its exit code. The panel's keys are its KeyMap;
// the keys line under the rows is built from the ones that apply.
package watch
