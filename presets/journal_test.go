package presets

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

func submitted(token, reqID string, ids ...string) Record {
	r := SubmittedRecord("cn-north-1", apiclient.CreateInstancesRequest{
		InstanceSpec: apiclient.InstanceSpec{Az: "cn-north-1a", InstanceType: "g.n2.large", Name: "web"},
		MaxCount:     len(ids),
		ClientToken:  token,
	})
	r.RequestID = reqID
	r.InstanceIDs = ids
	r.Profile = "work"
	return r
}

func final(token, reqID string, statuses ...string) Record {
	r := Record{Type: RecordFinal, ClientToken: token, RequestID: reqID}
	for i, s := range statuses {
		r.Statuses = append(r.Statuses, apiclient.InstanceStatus{InstanceID: "i-" + string(rune('a'+i)), Status: s})
	}
	return r
}

func TestJournalAppendAndLast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "cocvm", "journal.jsonl")
	if _, _, err := Last(path); !errors.Is(err, ErrNoRequest) {
		t.Fatalf("Last on a missing journal = %v, want ErrNoRequest", err)
	}
	must := func(r Record) {
		t.Helper()
		if err := Append(path, r); err != nil {
			t.Fatal(err)
		}
	}
	must(submitted("tok-1", "req-1", "i-a", "i-b"))
	must(final("tok-1", "req-1", "running", "running"))
	must(submitted("tok-2", "req-2", "i-a", "i-b", "i-c"))

	e, warnings, err := Last(path)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("Last = %v, %v", warnings, err)
	}
	if e.ClientToken != "tok-2" || e.RequestID != "req-2" || len(e.InstanceIDs) != 3 || e.Final != nil ||
		e.Count != 3 || e.Zone != "cn-north-1a" || e.InstanceType != "g.n2.large" || e.Name != "web" ||
		e.Region != "cn-north-1" || e.Profile != "work" || e.Time.IsZero() || e.Line != 3 {
		t.Errorf("Last = %+v", e)
	}

	// A final record for the older request does not attach to the newer one;
	// one matched by requestId alone does.
	must(final("tok-1", "req-1", "error"))
	must(final("", "req-2", "running", "pending", "running"))
	must(final("", "req-2", "running", "running", "running"))
	e, _, err = Last(path)
	if err != nil || e.Final == nil || len(e.Final.Statuses) != 3 || e.Final.Statuses[1].Status != "running" {
		t.Errorf("Last after finals = %+v (final %+v), %v", e, e.Final, err)
	}

	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			if fi, _ := os.Stat(p); fi.Mode().Perm() != want {
				t.Errorf("%s mode = %04o, want %04o", p, fi.Mode().Perm(), want)
			}
		}
	}
}

func TestJournalRejectsUnknownType(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.jsonl")
	if err := Append(path, Record{Type: "oops"}); err == nil {
		t.Error("appended a record of unknown type")
	}
}

func TestJournalStripsEndpointCredentials(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.jsonl")
	r := submitted("t", "r")
	r.Endpoint = "https://user:hunter2@example.com/api"
	if err := Append(path, r); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "hunter2") || !strings.Contains(string(b), "https://example.com/api") {
		t.Errorf("journal line = %s", b)
	}
}

func TestJournalToleratesCorruptLines(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.jsonl")
	if err := Append(path, submitted("tok-1", "req-1", "i-a")); err != nil {
		t.Fatal(err)
	}
	// An old corrupt line, then a crash cut a newer line short.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("garbage\n")
	f.Close()
	if err := Append(path, submitted("tok-2", "req-2", "i-b")); err != nil {
		t.Fatal(err)
	}
	f, _ = os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"type":"submitted","clientToken":"tok-3","instanc`)
	f.Close()
	before, _ := os.ReadFile(path)

	e, warnings, err := Last(path)
	if err != nil {
		t.Fatal(err)
	}
	if e.ClientToken != "tok-2" {
		t.Errorf("Last = %s, want tok-2 (the newest readable)", e.ClientToken)
	}
	// Only the torn line after it matters; the old garbage on line 2 does not.
	if len(warnings) != 1 || !strings.Contains(warnings[0].String(), path+":4:") || !strings.Contains(warnings[0].String(), "leaves the journal as it is") {
		t.Errorf("warnings = %q", warnings)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("reading rewrote the journal")
	}

	// The next append starts on a fresh line, so it is not lost to the torn one.
	if err := Append(path, submitted("tok-4", "req-4", "i-d")); err != nil {
		t.Fatal(err)
	}
	if e, _, err := Last(path); err != nil || e.ClientToken != "tok-4" || e.Line != 5 {
		t.Errorf("Last after a torn line = %+v, %v", e, err)
	}
}

func TestJournalOnlyCorruptIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	os.WriteFile(path, []byte("\n{not json\n"), 0o600)
	_, _, err := Last(path)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line != 2 || fe.Path != path {
		t.Errorf("err = %v, want a FileError at line 2", err)
	}
	os.WriteFile(path, []byte(`{"type":"final","clientToken":"x"}`+"\n"), 0o600)
	if _, _, err := Last(path); !errors.Is(err, ErrNoRequest) {
		t.Errorf("err = %v, want ErrNoRequest", err)
	}
}

func TestJournalLastRunGathersAFleet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	old := submitted("old", "req-0", "i-0")
	old.Run = "run-old"
	Append(path, old)
	base := "cocvm-fleet"
	tokens := []string{"cocvm-fleet-1", "cocvm-fleet-2", "cocvm-fleet-3"}
	for i, tok := range tokens {
		r := submitted(tok, "req-"+tok, "i-x")
		r.Run = base
		r.Time = time.Date(2025, 1, 1, 0, 0, i, 0, time.UTC)
		if err := Append(path, r); err != nil {
			t.Fatal(err)
		}
	}
	Append(path, final("cocvm-fleet-2", "", "running"))
	entries, _, err := LastRun(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 || entries[0].ClientToken != tokens[0] || entries[2].ClientToken != tokens[2] {
		t.Fatalf("LastRun = %+v", entries)
	}
	if entries[1].Final == nil || entries[0].Final != nil || entries[2].Final != nil {
		t.Error("final record attached to the wrong request")
	}
	if e, _, _ := Last(path); e.ClientToken != tokens[2] {
		t.Errorf("Last = %s", e.ClientToken)
	}
}

func TestSubmittedRecordFromBody(t *testing.T) {
	d := sampleDraft()
	req := apiclient.CreateInstancesRequest{InstanceSpec: d.Spec, ClientToken: "tok"}
	r := SubmittedRecord(d.Region, req)
	if r.Type != RecordSubmitted || r.Count != 1 || r.Region != "cn-hongkong-11" || r.Zone != "cn-hongkong-11a" ||
		r.InstanceType != "g.n2.large" || r.Name != "web-01" || r.ClientToken != "tok" {
		t.Errorf("SubmittedRecord = %+v", r)
	}
}

func TestJournalRunWideFinalRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	a := submitted("run-1-a", "req-a", "i-1", "i-2")
	b := submitted("run-1-b", "req-b", "i-3")
	other := submitted("run-2", "req-c", "i-9")
	a.Run, b.Run, other.Run = "run-1", "run-1", "run-2"
	for _, r := range []Record{other, a, b} {
		if err := Append(path, r); err != nil {
			t.Fatal(err)
		}
	}
	fin := Record{Type: RecordFinal, Run: "run-1", InstanceIDs: []string{"i-1", "i-2", "i-3"}, Statuses: []apiclient.InstanceStatus{
		{InstanceID: "i-1", Status: "running"}, {InstanceID: "i-2", Status: "error"}, {InstanceID: "i-3", Status: "running"}}}
	if err := Append(path, fin); err != nil {
		t.Fatal(err)
	}
	// A run-wide record of another run does not attach.
	if err := Append(path, Record{Type: RecordFinal, Run: "run-2", Statuses: []apiclient.InstanceStatus{{InstanceID: "i-9", Status: "running"}}}); err != nil {
		t.Fatal(err)
	}
	entries, _, err := LastRun(path)
	if err != nil || len(entries) != 2 {
		t.Fatalf("LastRun = %+v, %v", entries, err)
	}
	if f := entries[0].Final; f == nil || len(f.Statuses) != 2 || f.Statuses[1].Status != "error" || len(f.InstanceIDs) != 2 {
		t.Errorf("first request's final = %+v", f)
	}
	if f := entries[1].Final; f == nil || len(f.Statuses) != 1 || f.Statuses[0].InstanceID != "i-3" {
		t.Errorf("second request's final = %+v", f)
	}
}

func TestJournalLastRunFindsFinalsBetweenRequests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	a := submitted("fleet-1", "req-a", "i-1")
	b := submitted("fleet-2", "req-b", "i-2")
	a.Run, b.Run = "fleet", "fleet"
	noise := submitted("other", "req-x", "i-x")
	noise.Run = "other-run"
	for _, r := range []Record{a, noise, final("fleet-1", "", "running"), final("other", "req-x", "error"), b} {
		if err := Append(path, r); err != nil {
			t.Fatal(err)
		}
	}
	entries, _, err := LastRun(path)
	if err != nil || len(entries) != 2 {
		t.Fatalf("LastRun = %+v, %v", entries, err)
	}
	if f := entries[0].Final; f == nil || f.Statuses[0].Status != "running" {
		t.Errorf("the first request's final record, written before the second request, was missed: %+v", f)
	}
	if entries[1].Final != nil {
		t.Errorf("second request got a final record: %+v", entries[1].Final)
	}
}
