package presets

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkStoreList reads a directory of 100 presets, as `cocvm presets
// list` and the wizard's first screen do.
func BenchmarkStoreList(b *testing.B) {
	s := Store{Dir: b.TempDir()}
	for i := 0; i < 100; i++ {
		if err := s.Save(New(fmt.Sprintf("preset-%03d", i), "bench", sampleDraft())); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ps, errs := s.List()
		if len(ps) != 100 || len(errs) != 0 {
			b.Fatal(len(ps), errs)
		}
	}
}

// BenchmarkLast finds the newest request in a journal of 10,000 requests
// (years of use), each with a final record.
func BenchmarkLast(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.jsonl")
	var data []byte
	for i := 0; i < 10000; i++ {
		tok := fmt.Sprintf("cocvm-%06d", i)
		for _, r := range []Record{submitted(tok, "req-"+tok, "i-a", "i-b", "i-c"), final(tok, "req-"+tok, "running", "running", "running")} {
			line, _ := jsonLine(r)
			data = append(data, line...)
		}
	}
	if err := WriteFileAtomic(path, data, fileMode); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e, _, err := Last(path)
		if err != nil || e.ClientToken != "cocvm-009999" || e.Final == nil {
			b.Fatal(e, err)
		}
	}
}

// BenchmarkLastRun gathers a fleet of three requests at the end of a
// journal of 10,000 requests.
func BenchmarkLastRun(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.jsonl")
	var data []byte
	for i := 0; i < 10000; i++ {
		tok := fmt.Sprintf("cocvm-%06d", i)
		sub := submitted(tok, "req-"+tok, "i-a", "i-b", "i-c")
		sub.Run = fmt.Sprintf("run-%06d", i/3)
		for _, r := range []Record{sub, final(tok, "req-"+tok, "running", "running", "running")} {
			line, _ := jsonLine(r)
			data = append(data, line...)
		}
	}
	if err := WriteFileAtomic(path, data, fileMode); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		es, _, err := LastRun(path)
		if err != nil || len(es) != 1 && len(es) != 3 || es[0].Final == nil {
			b.Fatal(es, err)
		}
	}
}

// BenchmarkAppend is one durable journal append (write + fsync).
func BenchmarkAppend(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.jsonl")
	r := submitted("tok", "req", "i-a")
	for i := 0; i < b.N; i++ {
		if err := Append(path, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnresolvedRun is what the wizard does at start: look for a
// create whose outcome is unknown in a journal of 10,000 creates (intent,
// submitted and final records each), none open.
func BenchmarkUnresolvedRun(b *testing.B) {
	path := filepath.Join(b.TempDir(), "journal.jsonl")
	var data []byte
	for i := 0; i < 10000; i++ {
		tok := fmt.Sprintf("cocvm-%06d", i)
		intents, err := IntentRecords("cn-north-1", tok, intentReqs(tok))
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range append(intents, submitted(tok, "req-"+tok, "i-a", "i-b", "i-c"), final(tok, "req-"+tok, "running", "running", "running")) {
			line, _ := jsonLine(r)
			data = append(data, line...)
		}
	}
	if err := WriteFileAtomic(path, data, fileMode); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := UnresolvedRun(path, ""); err == nil {
			b.Fatal("found an open create")
		}
	}
}
