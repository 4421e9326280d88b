package watch

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/locale"
)

// An instance no answer has listed yet is pending, as the summary counts it.
func TestStatusWordOfAnUnseenInstanceIsPending(t *testing.T) {
	t.Parallel()
	if got := (&TrackedInstance{}).Word(); got != "pending" {
		t.Errorf("an unseen instance says %q, want pending", got)
	}
}

// ELAPSED counts from the instance's launch time (China time, UTC+8), not
// from when the watch began: an instance launched five minutes before the
// watch shows 5:xx.
func TestStatusElapsedCountsFromTheLaunchTime(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-old00001", stays("pending"), "")
	api.launch["i-old00001"] = statusTestStart.Add(-5 * time.Minute).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04:05")
	m := newTestPanel(t, clock, api, []string{"i-old00001"}, Meta{}, Options{})
	resize(m, 120, 40)
	pollPanel(t, m, clock)
	in := m.tracker.Instances()[0]
	if got := in.Elapsed(clock.Now()); got < 5*time.Minute || got > 6*time.Minute {
		t.Errorf("elapsed %s, want from the launch time 5 minutes before", got)
	}
	if v := m.View(); !strings.Contains(v, "5:0") {
		t.Errorf("the ELAPSED cell does not count from the launch time:\n%s", v)
	}
}

// An id that was never found is "not found" in its row, the progress line
// and the summary, never "failed".
func TestStatusNeverFoundIsNotFoundNotFailed(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-nope0001", never(), "")
	m := newTestPanel(t, clock, api, []string{"i-nope0001"}, Meta{}, Options{})
	resize(m, 120, 40)
	for i := 0; i < 400 && !m.Settled(); i++ {
		pollPanel(t, m, clock)
	}
	if !m.Settled() {
		t.Fatal("the watch never settled")
	}
	v := m.View()
	if !strings.Contains(v, "✗ 1 not found") || strings.Contains(v, "1 failed") || strings.Contains(v, "✗ failed") {
		t.Errorf("a never-found id is counted as failed:\n%s", v)
	}
	if !strings.Contains(v, "Watching 1 instance") {
		t.Errorf("cocvm watch's panel is not titled Watching:\n%s", v)
	}
}

// After a retry the title counts the rows the progress line counts: the
// replaced one is out of both.
func TestStatusTitleAndProgressCountTheSameAfterARetry(t *testing.T) {
	t.Parallel()
	m, clock, _ := retriedPanel(t)
	pollPanel(t, m, clock)
	v := m.View()
	title := regexp.MustCompile(`(?:Creating|Watching) (\d+)`).FindStringSubmatch(v)
	bar := regexp.MustCompile(`\d+ of (\d+) running`).FindStringSubmatch(v)
	if title == nil || bar == nil || title[1] != bar[1] {
		t.Errorf("title %v and progress %v count different sets:\n%s", title, bar, v)
	}
}

// An id no answer lists (a wrong id, or another region) is said at once,
// with how long the watch keeps looking, in the plain lines and on the
// panel; it becomes "not found" after the grace.
func TestUnknownIDIsSaidAtOnce(t *testing.T) {
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	var out bytes.Buffer
	_, err := Plain(context.Background(), &out, api, "cn-hongkong-11", []string{"i-nosuchid"}, Meta{}, Clock{Now: clock.Now, Sleep: clock.sleeper(nil)})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.Contains(lines[0], "12:01:03 i-nosuchid not found yet in cn-hongkong-11; still looking for 30 s before calling it not found") {
		t.Fatalf("first line %q", lines[0])
	}
	if n := strings.Count(out.String(), "not found yet"); n != 1 {
		t.Errorf("said %d times, want once:\n%s", n, out.String())
	}
	if !strings.Contains(out.String(), "done: 0 running, 1 not found") && !strings.Contains(out.String(), "not found") {
		t.Errorf("never settled as not found:\n%s", out.String())
	}

	clock2 := newFakeClock()
	m := newTestPanel(t, clock2, newFakeStatusAPI(clock2), []string{"i-nosuchid"}, Meta{}, Options{})
	pollPanel(t, m, clock2)
	resize(m, 120, 40)
	if v := m.View(); !strings.Contains(v, "1 instance not found yet in cn-hongkong-11; still looking for 30 s (another region? --region)") {
		t.Fatalf("panel:\n%s", v)
	}
}

// Every status the API documents has a word in Chinese: none falls back to
// the API's English on a Chinese panel.
func TestEveryDocumentedStatusIsSaid(t *testing.T) {
	t.Parallel()
	zh := locale.Printer(locale.Chinese)
	for _, s := range []string{apiclient.StatusPending, apiclient.StatusStarting, apiclient.StatusRunning, apiclient.StatusStopping,
		apiclient.StatusStopped, apiclient.StatusRebooting, apiclient.StatusRebuilding, apiclient.StatusResizing,
		apiclient.StatusDeleting, apiclient.StatusError} {
		if w := StatusWord(zh, s); w == s {
			t.Errorf("%q has no Chinese word", s)
		}
	}
}
