package presets

import (
	"bytes"
	"cmp"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
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
var ErrNothingToResume = apiclient.Errorf("no create is waiting to be resumed")

// UnresolvedRun returns the requests of one run whose outcome is unknown,
// oldest first: of the newest run that has any when token is "", or of the
// run holding token (a request's clientToken or the run's). A token whose
// requests all have an outcome is an error that says what that outcome was.
func UnresolvedRun(path, token string) ([]Unresolved, error) {
	lines, err := readJournal(path, ErrNothingToResume)
	if err != nil {
		return nil, err
	}
	// A journal holds years of creates and the wizard asks this at every
	// start, so lines are first read only for their type, token and run
	// (a byte search; a line with escapes is decoded), and only the
	// records that answer are decoded whole.
	type state struct {
		intent, first, last, outcome int // line indexes; -1: none
		lastType, tok, run           string
	}
	byToken := map[string]*state{}
	var order []string // tokens in the order of their first intent
	for i, l := range lines {
		typ, tok, run, ok := recordKeys(l.text)
		if !ok || typ == RecordFinal || tok == "" {
			continue
		}
		st := byToken[tok]
		if typ == RecordIntent {
			if st == nil {
				st = &state{first: i, outcome: -1, tok: tok}
				byToken[tok] = st
				order = append(order, tok)
			}
			st.intent, st.run = i, run
		}
		if st == nil {
			continue // an outcome of a request written before intents were
		}
		st.last, st.lastType = i, typ
		if typ == RecordUnknown {
			st.outcome = i
		}
	}
	record := func(i int) *Record {
		if i < 0 {
			return nil
		}
		r, ok := decodeRecord(lines[i].text)
		if !ok {
			return nil
		}
		return &r
	}
	open := func(st *state) bool { return st.lastType == RecordIntent || st.lastType == RecordUnknown }
	runOf := func(st *state) string { return cmp.Or(st.run, st.tok) }

	var run string
	if token != "" {
		st := byToken[token]
		if st == nil {
			for _, t := range order {
				if byToken[t].run == token {
					st = byToken[t]
					break
				}
			}
		}
		if st == nil {
			return nil, apiclient.Errorf("%v: the journal %s has no request with clientToken %s", ErrNothingToResume, path, token)
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
			return nil, apiclient.Errorf("%v: every create in the journal %s has an outcome", ErrNothingToResume, path)
		}
	}
	var out []Unresolved
	var settled []apiclient.Text
	for _, t := range order {
		st := byToken[t]
		if runOf(st) != run {
			continue
		}
		if open(st) {
			in := record(st.intent)
			if in == nil {
				continue
			}
			out = append(out, Unresolved{Intent: *in, Outcome: record(st.outcome)})
			continue
		}
		if last := record(st.last); last != nil {
			settled = append(settled, describeOutcome(t, *last))
		}
	}
	if len(out) == 0 {
		var known apiclient.Text
		for i, s := range settled {
			if i == 0 {
				known = s
			} else {
				known = apiclient.T("%s; %s", known, s)
			}
		}
		return nil, apiclient.Errorf("%v: the outcome of %s is known: %s", ErrNothingToResume, token, known)
	}
	return out, nil
}

// describeOutcome says in a few words what became of the request of token.
func describeOutcome(token string, r Record) apiclient.Text {
	switch r.Type {
	case RecordSubmitted:
		return apiclient.T("%s was accepted (%d instances: %s)", token, len(r.InstanceIDs), strings.Join(r.InstanceIDs, " "))
	case RecordRefused:
		return apiclient.T("%s was refused: %s", token, r.Error)
	case RecordNotSent:
		return apiclient.T("%s was never sent", token)
	}
	return apiclient.T("%s %s", token, r.Type)
}

// recordKeys reads a journal line's type, clientToken and run without
// decoding it: cocvm writes them as plain JSON strings. A value with an
// escape in it (or a line it cannot read that way) is decoded instead.
func recordKeys(line []byte) (typ, token, run string, ok bool) {
	var fast bool
	if typ, fast = plainField(line, "type"); fast && typ != "" {
		tokOK, runOK := true, true
		token, tokOK = plainField(line, "clientToken")
		run, runOK = plainField(line, "run")
		if tokOK && runOK {
			return typ, token, run, true
		}
	}
	r, ok := decodeRecord(line)
	return r.Type, r.ClientToken, r.Run, ok
}

// plainField finds "key":"value" in line; ok is false when the value has
// an escape (a backslash) and must be decoded. A missing key is "", true.
func plainField(line []byte, key string) (string, bool) {
	needle := []byte(`"` + key + `":"`)
	i := bytes.Index(line, needle)
	if i < 0 {
		return "", true
	}
	rest := line[i+len(needle):]
	j := bytes.IndexAny(rest, `"\`)
	if j < 0 || rest[j] == '\\' {
		return "", false
	}
	return string(rest[:j]), true
}
