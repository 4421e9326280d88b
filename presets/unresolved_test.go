package presets

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

func intentReqs(tokens ...string) []apiclient.CreateInstancesRequest {
	var out []apiclient.CreateInstancesRequest
	for _, tok := range tokens {
		out = append(out, apiclient.CreateInstancesRequest{
			InstanceSpec: apiclient.InstanceSpec{Az: "cn-north-1a", InstanceType: "g.n2.large", Name: "web", ImageID: "img-1",
				Password: "Secret#Pass1", SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40}},
			MaxCount: 100, ClientToken: tok,
		})
	}
	return out
}

// An intent holds the body as sent, less the password: decoded and given
// the password back, it marshals to the very bytes that were sent.
func TestIntentRecordKeepsTheBodyWithoutThePassword(t *testing.T) {
	reqs := intentReqs("tok-a")
	recs, err := IntentRecords("cn-north-1", "run-1", reqs)
	if err != nil || len(recs) != 1 {
		t.Fatal(recs, err)
	}
	r := recs[0]
	if r.Type != RecordIntent || r.Run != "run-1" || r.ClientToken != "tok-a" || r.Count != 100 || !r.PasswordSet {
		t.Errorf("intent %+v", r)
	}
	line, _ := json.Marshal(r)
	if bytes.Contains(line, []byte("Secret#Pass1")) || bytes.Contains(line, []byte(`"password"`)) {
		t.Fatalf("the intent holds the password: %s", line)
	}
	got, err := r.Request()
	if err != nil {
		t.Fatal(err)
	}
	got.InstanceSpec.Password = "Secret#Pass1"
	want, _ := json.Marshal(reqs[0])
	if have, _ := json.Marshal(got); !bytes.Equal(have, want) {
		t.Errorf("resumed body differs:\n%s\n%s", have, want)
	}
}

func TestUnresolvedRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	write := func(recs ...Record) {
		t.Helper()
		if err := Append(path, recs...); err != nil {
			t.Fatal(err)
		}
	}
	outcome := func(typ, tok string) Record { return Record{Type: typ, ClientToken: tok, Run: "run-1", Error: "x"} }
	if _, err := UnresolvedRun(path, ""); !errors.Is(err, ErrNothingToResume) {
		t.Fatalf("missing journal: %v", err)
	}

	// An older run, accepted; then a run of three: the first accepted, the
	// second lost, the third never sent.
	old, _ := IntentRecords("cn-north-1", "run-0", intentReqs("tok-0"))
	write(old...)
	write(Record{Type: RecordSubmitted, ClientToken: "tok-0", Run: "run-0", InstanceIDs: []string{"i-0"}})
	run, _ := IntentRecords("cn-north-1", "run-1", intentReqs("tok-1", "tok-2", "tok-3"))
	write(run...)
	write(Record{Type: RecordSubmitted, ClientToken: "tok-1", Run: "run-1", InstanceIDs: []string{"i-1"}})
	write(outcome(RecordUnknown, "tok-2"))

	open, err := UnresolvedRun(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 2 || open[0].Intent.ClientToken != "tok-2" || open[1].Intent.ClientToken != "tok-3" ||
		open[0].Outcome == nil || open[1].Outcome != nil {
		t.Fatalf("open = %+v", open)
	}
	// By token: the run's own, or a request's.
	for _, tok := range []string{"run-1", "tok-3"} {
		if o, err := UnresolvedRun(path, tok); err != nil || len(o) != 2 {
			t.Errorf("UnresolvedRun(%s) = %d, %v", tok, len(o), err)
		}
	}
	// A settled token says what became of it.
	if _, err := UnresolvedRun(path, "tok-0"); !errors.Is(err, ErrNothingToResume) || !strings.Contains(err.Error(), "accepted (1 instances: i-0)") {
		t.Errorf("settled token: %v", err)
	}
	if _, err := UnresolvedRun(path, "tok-nope"); !errors.Is(err, ErrNothingToResume) {
		t.Errorf("unknown token: %v", err)
	}

	// A resume writes the intents again, then the outcomes: settled.
	again, _ := IntentRecords("cn-north-1", "run-1", intentReqs("tok-2", "tok-3"))
	write(again...)
	write(Record{Type: RecordSubmitted, ClientToken: "tok-2", Run: "run-1", InstanceIDs: []string{"i-2"}})
	if o, err := UnresolvedRun(path, ""); err != nil || len(o) != 1 || o[0].Intent.ClientToken != "tok-3" {
		t.Fatalf("after resuming tok-2: %+v %v", o, err)
	}
	write(outcome(RecordRefused, "tok-3"))
	if _, err := UnresolvedRun(path, ""); !errors.Is(err, ErrNothingToResume) {
		t.Errorf("every request settled, yet: %v", err)
	}
	// A run stopped after a refusal leaves the rest not sent: nothing to resume.
	r2, _ := IntentRecords("cn-north-1", "run-2", intentReqs("tok-4", "tok-5"))
	write(r2...)
	write(Record{Type: RecordRefused, ClientToken: "tok-4", Run: "run-2"}, Record{Type: RecordNotSent, ClientToken: "tok-5", Run: "run-2"})
	if _, err := UnresolvedRun(path, ""); !errors.Is(err, ErrNothingToResume) {
		t.Errorf("refused run: %v", err)
	}
}

// The fast reading of type, token and run agrees with decoding, and a
// value with an escape falls back to decoding.
func TestRecordKeys(t *testing.T) {
	for _, r := range []Record{
		{Type: RecordIntent, ClientToken: "tok-1", Run: "run-1", Name: `a "quoted" name`},
		{Type: RecordSubmitted, ClientToken: `tok-"2"`, Run: "run-2"},
		{Type: RecordUnknown, ClientToken: "tok-3"},
		{Type: RecordFinal, Run: "run-4"},
	} {
		line, err := jsonLine(r)
		if err != nil {
			t.Fatal(err)
		}
		typ, tok, run, ok := recordKeys(bytes.TrimSpace(line))
		if !ok || typ != r.Type || tok != r.ClientToken || run != r.Run {
			t.Errorf("recordKeys(%s) = %q %q %q %v", line, typ, tok, run, ok)
		}
	}
}
