package presets

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// Journal record types. Every create is written ahead: an intent record per
// request, fsynced before the first byte is sent, then one outcome record per
// request (submitted, refused, unknown or not-sent). A request whose intent
// has no outcome, or whose newest outcome is unknown, may or may not have
// been carried out; `cocvm create --resume` sends it again with the same
// clientToken and body, which cannot create twice.
const (
	// RecordIntent is appended, and fsynced, before a request is sent. It
	// holds the body without the password.
	RecordIntent = "intent"
	// RecordSubmitted is appended once createInstances has accepted a
	// request and returned its ids, before the status panel starts.
	RecordSubmitted = "submitted"
	// RecordRefused is appended when the API definitely refused a request:
	// nothing was created.
	RecordRefused = "refused"
	// RecordUnknown is appended when no answer says what became of a request:
	// the connection was lost, the service failed, the run was interrupted,
	// or the answer was accepted but its ids could not be read.
	RecordUnknown = "unknown"
	// RecordNotSent is appended for the requests of a run that were never
	// sent because an earlier one was refused.
	RecordNotSent = "not-sent"
	// RecordFinal is appended when the final statuses of a request are known.
	RecordFinal = "final"
)

var recordTypes = []string{RecordIntent, RecordSubmitted, RecordRefused, RecordUnknown, RecordNotSent, RecordFinal}

// Record is one line of the journal. It has no field for a password or a
// secret key, and the body of an intent is written by IntentRecords with
// the password taken out, so none can reach the journal.
type Record struct {
	Type string    `json:"type"` // one of the Record* types
	Time time.Time `json:"time"`

	Profile string `json:"profile,omitempty"`
	Region  string `json:"region,omitempty"`
	// Sandbox says the request went to the built-in sandbox, not JD Cloud.
	Sandbox bool `json:"sandbox,omitempty"`
	// Endpoint is a custom endpoint URL; empty for JD Cloud's own and for
	// the in-process sandbox (whose address changes every run). Any
	// user:password in it is removed by Append.
	Endpoint string `json:"endpoint,omitempty"`

	// Run is shared by every request of one create (a fleet over 100 is
	// several requests); the draft's clientToken is a good value. A final
	// record may cover a whole run: give it the Run and no clientToken or
	// requestId.
	Run         string `json:"run,omitempty"`
	ClientToken string `json:"clientToken,omitempty"`
	RequestID   string `json:"requestId,omitempty"`
	Preset      string `json:"preset,omitempty"`

	Count        int      `json:"count,omitempty"`
	InstanceType string   `json:"instanceType,omitempty"`
	Zone         string   `json:"zone,omitempty"`
	Name         string   `json:"name,omitempty"`
	InstanceIDs  []string `json:"instanceIds,omitempty"`

	// Statuses are the instances' statuses (final records).
	Statuses []apiclient.InstanceStatus `json:"statuses,omitempty"`

	// Body is the request as it is sent, without the password (intent
	// records). Resuming decodes it and sends the same bytes again.
	Body json.RawMessage `json:"body,omitempty"`
	// PasswordSet says the request carried a password, which the journal
	// never keeps: resuming asks for it again.
	PasswordSet bool `json:"passwordSet,omitempty"`
	// Error is what the API or the network said (refused and unknown
	// records), never a secret.
	Error string `json:"error,omitempty"`
	// Accepted says the API answered 200 but its ids could not be read
	// (unknown records): the instances exist, resuming fetches their ids.
	Accepted bool `json:"accepted,omitempty"`
}

// IntentRecords are the write-ahead records of one run: one per request,
// in order, each with its body (password removed), region and Run.
func IntentRecords(region, run string, reqs []apiclient.CreateInstancesRequest) ([]Record, error) {
	out := make([]Record, 0, len(reqs))
	for _, req := range reqs {
		rec := SubmittedRecord(region, req)
		rec.Type = RecordIntent
		rec.Run = run
		rec.PasswordSet = req.InstanceSpec.Password != ""
		req.InstanceSpec.Password = ""
		body, err := json.Marshal(req)
		if err != nil {
			return nil, err
		}
		rec.Body = body
		out = append(out, rec)
	}
	return out, nil
}

// Request decodes an intent's body. The password is empty: when
// PasswordSet, the caller asks for it again.
func (r Record) Request() (apiclient.CreateInstancesRequest, error) {
	var req apiclient.CreateInstancesRequest
	if len(r.Body) == 0 {
		return req, apiclient.Errorf("the journal record of %s has no request body (written by an older cocvm)", r.ClientToken)
	}
	if err := json.Unmarshal(r.Body, &req); err != nil {
		return req, apiclient.Errorf("the journal record of %s cannot be read: %v", r.ClientToken, err)
	}
	if req.ClientToken != r.ClientToken {
		return req, apiclient.Errorf("the journal record of %s holds the body of another request (%s)", r.ClientToken, req.ClientToken)
	}
	return req, nil
}

// SubmittedRecord fills a submitted record from one request body: region,
// clientToken, count, instance type, zone and name. The caller adds Profile,
// Sandbox, Endpoint, Run, Preset, RequestID and InstanceIDs.
func SubmittedRecord(region string, req apiclient.CreateInstancesRequest) Record {
	n := req.MaxCount
	if n == 0 {
		n = 1 // the documented default
	}
	return Record{
		Type:         RecordSubmitted,
		Region:       region,
		ClientToken:  req.ClientToken,
		Count:        n,
		InstanceType: req.InstanceSpec.InstanceType,
		Zone:         req.InstanceSpec.Az,
		Name:         req.InstanceSpec.Name,
	}
}

// Append adds recs as lines to the journal at path (mode 0600, directory
// 0700, created when missing) in one write, and fsyncs them before
// returning, so a crash right after loses nothing. A zero Time is set to
// now.
func Append(path string, recs ...Record) error {
	var line []byte
	now := time.Now().UTC()
	for _, rec := range recs {
		if !slices.Contains(recordTypes, rec.Type) {
			return apiclient.Errorf("journal record type %q: want one of %v", rec.Type, recordTypes)
		}
		if rec.Time.IsZero() {
			rec.Time = now
		}
		l, err := jsonLine(rec)
		if err != nil {
			return apiclient.Errorf("writing the journal %s: %v", path, err)
		}
		line = append(line, l...)
	}
	if len(line) == 0 {
		return nil
	}
	dir := filepath.Dir(path)
	if err := ensureDir(dir); err != nil {
		return apiclient.Errorf("writing the journal %s: %v", path, err)
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, fs.ErrNotExist)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return apiclient.Errorf("writing the journal %s: %v", path, err)
	}
	defer f.Close()
	// A crash in the middle of an earlier append can leave a last line
	// without its newline; start on a fresh line so this record does not
	// join the broken one.
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, fi.Size()-1); err == nil && last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	// One write: with O_APPEND concurrent cocvm runs cannot interleave.
	if _, err := f.Write(line); err != nil {
		return apiclient.Errorf("writing the journal %s: %v", path, err)
	}
	if err := f.Sync(); err != nil {
		return apiclient.Errorf("writing the journal %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		return apiclient.Errorf("writing the journal %s: %v", path, err)
	}
	if created {
		if err := syncDir(dir); err != nil {
			return apiclient.Errorf("writing the journal %s: %v", path, err)
		}
	}
	return nil
}

// jsonLine is rec as one journal line, newline included.
func jsonLine(rec Record) ([]byte, error) {
	rec.Endpoint = stripUserinfo(rec.Endpoint)
	line, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	return append(line, '\n'), nil
}

func stripUserinfo(endpoint string) string {
	if endpoint == "" {
		return ""
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.User == nil {
		return endpoint
	}
	u.User = nil
	return u.String()
}

// Entry is a submitted request with what became of it.
type Entry struct {
	Record // the submitted record
	// Final is the newest final record for this request appended after it:
	// same clientToken or requestId, or a run-wide final record (neither
	// set) with the same Run, narrowed to this request's instances. Nil
	// when none.
	Final *Record
	// Line is the submitted record's line in the journal.
	Line int
}

// ErrNoRequest is returned (wrapped) by Last and LastRun when the journal has
// no submitted request: it does not exist yet, or holds none.
var ErrNoRequest = apiclient.Errorf("no request has been submitted yet")

// Last returns the newest submitted request merged with its final record.
// The journal is never rewritten. A corrupt line is skipped; when it comes
// after the newest readable request (it might have been a newer one, or its
// final record), a warning names the file and line. When no request can be
// read at all, a corrupt line is the error (a *FileError).
func Last(path string) (Entry, []apiclient.Text, error) {
	entries, warnings, err := lastRun(path, false)
	if err != nil {
		return Entry{}, warnings, err
	}
	return entries[0], warnings, nil
}

// LastRun is Last for a whole create: every submitted request sharing the
// newest one's Run (a fleet of more than 100 is several requests), oldest
// first. Without a Run it is the newest request alone.
func LastRun(path string) ([]Entry, []apiclient.Text, error) {
	return lastRun(path, true)
}

type journalLine struct {
	line int
	rec  Record
}

// rawLine is one non-blank line of the journal, not yet decoded.
type rawLine struct {
	line int
	text []byte
}

// lastRun reads the journal from the end, so finding the newest request
// costs the lines after it, not the whole history. Earlier requests of the
// same run, and their final records, are found by a byte search for the
// run's and requests' identifiers before any line is decoded.
func lastRun(path string, wholeRun bool) ([]Entry, []apiclient.Text, error) {
	lines, err := readJournal(path, ErrNoRequest)
	if err != nil {
		return nil, nil, err
	}

	newest := -1
	var (
		newestRec Record
		tail      []journalLine // final records after the newest request
		corrupt   []int         // lines after it that could not be read
	)
	for i := len(lines) - 1; i >= 0; i-- {
		r, ok := decodeRecord(lines[i].text)
		switch {
		case !ok:
			corrupt = append(corrupt, lines[i].line)
			continue
		case r.Type == RecordSubmitted:
			newest, newestRec = i, r
		case r.Type == RecordFinal:
			tail = append(tail, journalLine{lines[i].line, r})
		}
		if newest >= 0 {
			break
		}
	}
	slices.Reverse(tail)
	slices.Reverse(corrupt)
	if newest < 0 {
		if len(corrupt) > 0 {
			return nil, nil, &FileError{Path: path, Line: corrupt[0], Problem: apiclient.T("this line is not a journal record, and no other line is a submitted request"),
				Fix: apiclient.T("cocvm leaves the journal as it is; watch instances by id with `cocvm watch ID...`")}
		}
		return nil, nil, apiclient.Errorf("%v (the journal %s holds none)", ErrNoRequest, path)
	}
	var warnings []apiclient.Text
	for _, l := range corrupt {
		fe := &FileError{Path: path, Line: l, Problem: apiclient.T("this line is not a journal record (cut short by a crash?) and was skipped"),
			Fix: apiclient.T("It may have been a newer request; cocvm leaves the journal as it is")}
		warnings = append(warnings, fe.Text())
	}

	subs := []journalLine{{lines[newest].line, newestRec}}
	finals := tail
	if wholeRun && newestRec.Run != "" {
		run := newestRec.Run
		runNeedle := jsonString(run)
		var earlier []journalLine
		first := -1
		for i := 0; i < newest; i++ {
			if !bytes.Contains(lines[i].text, runNeedle) {
				continue
			}
			if r, ok := decodeRecord(lines[i].text); ok && r.Type == RecordSubmitted && r.Run == run {
				earlier = append(earlier, journalLine{lines[i].line, r})
				if first < 0 {
					first = i
				}
			}
		}
		if first >= 0 {
			// Final records of the earlier requests may lie between them
			// and the newest one.
			needles := [][]byte{runNeedle}
			for _, e := range earlier {
				for _, id := range []string{e.rec.ClientToken, e.rec.RequestID} {
					if id != "" {
						needles = append(needles, jsonString(id))
					}
				}
			}
			var mid []journalLine
			for i := first + 1; i < newest; i++ {
				if !containsAny(lines[i].text, needles) {
					continue
				}
				if r, ok := decodeRecord(lines[i].text); ok && r.Type == RecordFinal {
					mid = append(mid, journalLine{lines[i].line, r})
				}
			}
			finals = append(mid, tail...)
		}
		subs = append(earlier, subs...)
	}

	entries := make([]Entry, 0, len(subs))
	for _, sub := range subs {
		e := Entry{Record: sub.rec, Line: sub.line}
		for j := len(finals) - 1; j >= 0 && finals[j].line > sub.line; j-- {
			if f, ok := finalFor(sub.rec, finals[j].rec); ok {
				e.Final = &f
				break
			}
		}
		entries = append(entries, e)
	}
	return entries, warnings, nil
}

// readJournal reads the journal's lines; a journal that does not exist yet
// is none, wrapped.
func readJournal(path string, none error) ([]rawLine, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, apiclient.Errorf("%v (the journal %s does not exist)", none, path)
	}
	if err != nil {
		return nil, apiclient.Errorf("reading the journal %s: %v", path, err)
	}
	return splitLines(data), nil
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always marshals
	return b
}

func containsAny(b []byte, needles [][]byte) bool {
	for _, n := range needles {
		if bytes.Contains(b, n) {
			return true
		}
	}
	return false
}

// finalFor says whether fin is the final record of the submitted request
// sub: the same clientToken or requestId, or, for a final record naming
// neither, the same Run. A run-wide record is narrowed to sub's instances so
// that each request of a fleet gets its own statuses.
func finalFor(sub, fin Record) (Record, bool) {
	if sub.ClientToken != "" && sub.ClientToken == fin.ClientToken ||
		sub.RequestID != "" && sub.RequestID == fin.RequestID {
		return fin, true
	}
	if fin.ClientToken != "" || fin.RequestID != "" || fin.Run == "" || fin.Run != sub.Run {
		return Record{}, false
	}
	if len(sub.InstanceIDs) == 0 {
		return fin, true
	}
	mine := make(map[string]bool, len(sub.InstanceIDs))
	for _, id := range sub.InstanceIDs {
		mine[id] = true
	}
	narrowed := fin
	narrowed.InstanceIDs, narrowed.Statuses = nil, nil
	for _, id := range fin.InstanceIDs {
		if mine[id] {
			narrowed.InstanceIDs = append(narrowed.InstanceIDs, id)
		}
	}
	for _, st := range fin.Statuses {
		if mine[st.InstanceID] {
			narrowed.Statuses = append(narrowed.Statuses, st)
		}
	}
	return narrowed, true
}

// splitLines cuts the journal into its non-blank lines, numbered from 1.
func splitLines(data []byte) []rawLine {
	var out []rawLine
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if line = bytes.TrimSpace(line); len(line) > 0 {
			out = append(out, rawLine{line: n, text: line})
		}
	}
	return out
}

// decodeRecord reads one line. Unknown fields and record types (from a newer
// cocvm) are tolerated; a line that is not one JSON object with a type is
// not.
func decodeRecord(line []byte) (Record, bool) {
	var r Record
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&r); err != nil || r.Type == "" {
		return Record{}, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return Record{}, false
	}
	return r, true
}
