package sandbox

import (
	"testing"
	"time"
)

func TestTimeline(t *testing.T) {
	clock := newTestClock()
	opts := Options{AccessKey: "AK", SecretKey: "SK", Now: clock.Now, BootMin: 7 * time.Second, BootMax: 7 * time.Second, BootFailRate: 0}
	e := newEnvWith(t, opts, clock)
	req := e.validRequest()
	req.MaxCount = 2
	created := clock.Now()
	ids := e.mustCreate(req)
	if got := e.srv.Timeline(testRegion); len(got) != 2 || got[0].Status != "pending" || !got[0].At.Equal(created) {
		t.Fatalf("before boot: %+v", got)
	}
	clock.Advance(7 * time.Second)
	got := e.srv.Timeline(testRegion)
	if len(got) != 4 {
		t.Fatalf("after boot: %+v", got)
	}
	for _, tr := range got {
		if tr.Status == "running" && !tr.At.Equal(created.Add(7*time.Second)) {
			t.Errorf("%s running at %v, want %v", tr.InstanceID, tr.At, created.Add(7*time.Second))
		}
		if tr.InstanceID != ids[0] && tr.InstanceID != ids[1] {
			t.Errorf("unknown instance %s", tr.InstanceID)
		}
	}
}
