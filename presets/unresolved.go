package presets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Unresolved is a request whose outcome is unknown: its intent was written
// ahead, and no answer since says whether it was carried out.
type Unresolved struct {
	// Intent is the newest write-ahead record of the request, with its body.
	Intent Record
	// Outcome is its newest unknown record; nil when the run stopped (a
	// crash, a kill) before one could be written.
	Outcome *Record
}

// ErrNothingToResume is returned (wrapped) by UnresolvedRun when no request
// is waiting to be resumed.
var ErrNothingToResume = errors.New("no create is waiting to be resumed")

// UnresolvedRun returns the requests of one run whose outcome is unknown,
// oldest first: of the newest run that has any when token is "", or of the
// run holding token (a request's clientToken or the run's). A token whose
// requests all have an outcome is an error that says what that outcome was.
func UnresolvedRun(path, token string) ([]Unresolved, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w (the journal %s does not exist)", ErrNothingToResume, path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the journal %s: %w", path, err)
	}
	type state struct {
		intent  Record
		first   int     // line of its first intent, for the order of a run
		last    *Record // newest record of any type but final
		outcome *Record // newest unknown record
	}
	byToken := map[string]*state{}
	var order []string // tokens in the order of their first intent
	for _, l := range splitLines(data) {
		rec, ok := decodeRecord(l.text)
		if !ok || rec.Type == RecordFinal || rec.ClientToken == "" {
			continue
		}
		st := byToken[rec.ClientToken]
		if rec.Type == RecordIntent {
			if st == nil {
				st = &state{first: l.line}
				byToken[rec.ClientToken] = st
				order = append(order, rec.ClientToken)
			}
			st.intent = rec
		}
		if st == nil {
			continue // an outcome of a request written before intents were
		}
		r := rec
		st.last = &r
		if rec.Type == RecordUnknown {
			st.outcome = &r
		}
	}
	open := func(st *state) bool { return st.last.Type == RecordIntent || st.last.Type == RecordUnknown }
	runOf := func(st *state) string { return firstOf(st.intent.Run, st.intent.ClientToken) }

	var run string
	if token != "" {
		st := byToken[token]
		if st == nil {
			for _, t := range order {
				if byToken[t].intent.Run == token {
					st = byToken[t]
					break
				}
			}
		}
		if st == nil {
			return nil, fmt.Errorf("%w: the journal %s has no request with clientToken %s", ErrNothingToResume, path, token)
		}
		run = runOf(st)
	} else {
		for i := len(order) - 1; i >= 0; i-- {
			if st := byToken[order[i]]; open(st) {
				run = runOf(st)
				break
			}
		}
		if run == "" {
			return nil, fmt.Errorf("%w: every create in the journal %s has an outcome", ErrNothingToResume, path)
		}
	}
	var out []Unresolved
	var settled []string
	for _, t := range order {
		st := byToken[t]
		if runOf(st) != run {
			continue
		}
		if open(st) {
			out = append(out, Unresolved{Intent: st.intent, Outcome: st.outcome})
			continue
		}
		settled = append(settled, t+" "+describeOutcome(*st.last))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: the outcome of %s is known: %s", ErrNothingToResume, token, strings.Join(settled, "; "))
	}
	return out, nil
}

// describeOutcome says in a few words what became of a request.
func describeOutcome(r Record) string {
	switch r.Type {
	case RecordSubmitted:
		return fmt.Sprintf("was accepted (%d instances: %s)", len(r.InstanceIDs), strings.Join(r.InstanceIDs, " "))
	case RecordRefused:
		return "was refused: " + r.Error
	case RecordNotSent:
		return "was never sent"
	}
	return r.Type
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
