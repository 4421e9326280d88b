package sandbox

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseBootTime(t *testing.T) {
	tests := []struct {
		in       string
		min, max time.Duration
		ok       bool
	}{
		{"1s", time.Second, time.Second, true},
		{"3s-8s", 3 * time.Second, 8 * time.Second, true},
		{" 500ms - 2s ", 500 * time.Millisecond, 2 * time.Second, true},
		{"0", 0, InstantBoot, true},
		{"0s", 0, InstantBoot, true},
		{"0s-0s", 0, InstantBoot, true},
		{"0-2s", 0, 2 * time.Second, true},
		{"", 0, 0, false},
		{"8s-3s", 0, 0, false},
		{"fast", 0, 0, false},
		{"-1s", 0, 0, false},
		{"1s-", 0, 0, false},
		{"3", 0, 0, false},
	}
	for _, tt := range tests {
		min, max, err := ParseBootTime(tt.in)
		if (err == nil) != tt.ok || tt.ok && (min != tt.min || max != tt.max) {
			t.Errorf("ParseBootTime(%q) = %v, %v, %v", tt.in, min, max, err)
		}
	}
	// What the parser returns goes straight into Options.
	min, max, _ := ParseBootTime("0")
	if lo, hi := (Options{BootMin: min, BootMax: max}).bootRange(); lo != 0 || hi != 0 {
		t.Errorf("\"0\" boots in %v-%v", lo, hi)
	}
	if lo, hi := (Options{}).bootRange(); lo != DefaultBootMin || hi != DefaultBootMax {
		t.Errorf("default boots in %v-%v", lo, hi)
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"20/s", 20, true},
		{"20", 20, true},
		{"0", 0, true},
		{"600/m", 10, true},
		{"3600/h", 1, true},
		{"0.5/s", 0.5, true},
		{"", 0, false},
		{"-1/s", 0, false},
		{"20/d", 0, false},
		{"lots", 0, false},
		{"NaN", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseRate(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func FuzzParseBootTime(f *testing.F) {
	for _, s := range []string{"1s", "3s-8s", "0", "8s-3s", "1h2m-", "--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		min, max, err := ParseBootTime(s)
		if err != nil {
			return
		}
		if min < 0 || (max != InstantBoot && max < min) {
			t.Fatalf("ParseBootTime(%q) = %v, %v", s, min, max)
		}
		if _, err := New(Options{BootMin: min, BootMax: max}); err != nil {
			t.Fatalf("ParseBootTime(%q) gave options New refuses: %v", s, err)
		}
	})
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"20/s", "0", "600/m", "1e3/h", "/s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			return
		}
		if r < 0 || r != r {
			t.Fatalf("ParseRate(%q) = %v", s, r)
		}
		if _, err := New(Options{RateLimit: r}); err != nil {
			t.Fatalf("ParseRate(%q) gave options New refuses: %v", s, err)
		}
	})
}

// FuzzCreateBody: any body gets an envelope answer, never a panic, and a
// successful create's answer holds exactly maxCount ids.
func FuzzCreateBody(f *testing.F) {
	e := newEnv(f, Options{BootMax: InstantBoot, Quota: 1 << 30})
	valid, _ := json.Marshal(e.validRequest())
	f.Add(valid)
	f.Add([]byte(`{"maxCount": 0}`))
	f.Add([]byte(`{"instanceSpec": {"dataDisks": [{"diskSizeGB": "x"}]}}`))
	f.Add([]byte(`[]`))
	rc := e.rc
	f.Fuzz(func(t *testing.T, body []byte) {
		req, raw, fl := decodeCreate(body)
		if fl != nil {
			if fl.code != 400 || fl.message == "" {
				t.Fatalf("decode failure %+v", fl)
			}
			return
		}
		canonical, err := json.Marshal(raw)
		if err != nil {
			t.Fatal(err)
		}
		req.ClientToken = "" // tokens would make later inputs collide
		ids, _, fl := e.srv.create(rc, req, raw, canonical)
		if fl != nil {
			if fl.code < 400 || fl.status == "" || fl.message == "" {
				t.Fatalf("failure %+v", fl)
			}
			return
		}
		want := max(req.MaxCount, 1)
		if len(ids) != want {
			t.Fatalf("%d ids for maxCount %d", len(ids), req.MaxCount)
		}
	})
}
