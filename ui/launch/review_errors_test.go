package launch

import (
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/wizard"
)

// A refusal stays on screen however far the review is scrolled: it is
// pinned above the scrolling body.
func TestReviewRefusalIsPinnedAboveTheScrolledBody(t *testing.T) {
	t.Parallel()
	refused := apiclient.NewAPIError(400, "INVALID_ARGUMENT", "Invalid password")
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: refused}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken}}, 80, 24)
	wzToReview(t, h)
	h.keys("enter", "y")
	h.wantView("refused", "The request was refused:", "Invalid password")
	for i := 0; i < 10; i++ {
		h.key("pgdown")
	}
	h.wantView("scrolled to the end", "The request was refused:", "Invalid password", " --yes")
	if n := strings.Count(h.view(), "\n") + 1; n > 24 {
		t.Errorf("the review is %d lines on a 24-line terminal", n)
	}
}

// A refusal is about the body it answered: once the draft changes it goes;
// while the draft is the same it stays.
func TestReviewRefusalGoesWhenTheDraftChanges(t *testing.T) {
	t.Parallel()
	refused := apiclient.NewAPIError(400, "INVALID_ARGUMENT", "Invalid password")
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: refused}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 40)
	wzToReview(t, h)
	h.keys("enter", "y")
	h.wantView("refused", "The request was refused:", "e fix the problem")
	// Back to a step and again without a change: still there.
	h.key("3")
	h.forwardTo(stepReview)
	h.wantView("unchanged draft", "The request was refused:")
	// A change: gone, and the footer no longer offers a fix.
	h.key("e")
	h.atStep(stepLogin)
	h.focusField(h.m.f.name)
	h.typeText("-2")
	h.forwardTo(stepReview)
	if v := h.view(); strings.Contains(v, "The request was refused") || strings.Contains(v, "e fix the problem") {
		t.Errorf("the refusal of the old draft is still shown:\n%s", v)
	}
}

// A 5xx leaves the outcome unknown and nothing in the draft to fix: Enter
// retries with the same clientToken, the footer says so, and e opens no
// step.
func TestReviewServerErrorOffersRetryWithTheSameToken(t *testing.T) {
	t.Parallel()
	boom := apiclient.NewAPIError(503, "UNAVAILABLE", "Service unavailable")
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: boom}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 40)
	wzToReview(t, h)
	h.keys("enter", "y")
	tok := cat.creates[0].ClientToken
	h.wantView("5xx", "The outcome is unknown", "enter retry (same clientToken)")
	if v := h.view(); strings.Contains(v, "e fix the problem") || strings.Contains(v, "enter create") {
		t.Errorf("a 5xx offers a fix or a new create:\n%s", v)
	}
	h.key("e")
	if h.m.phase != phaseReview {
		t.Fatalf("e opened a step after a 5xx:\n%s", h.view())
	}
	h.key("enter")
	h.wantView("the retry's question", "Send the same request again with clientToken "+tok+"? It cannot create twice.")
	h.key("y")
	if len(cat.creates) != 2 || cat.creates[1].ClientToken != tok {
		t.Fatalf("the retry did not carry %s: %+v", tok, cat.creates)
	}
	if h.m.phase != phaseStatus {
		t.Fatalf("the retry did not open the status panel:\n%s", h.view())
	}
}

// When the quota line already says too few are left, the question says so
// and y creates as many as fit.
func TestReviewOffersToCreateAsManyAsFit(t *testing.T) {
	t.Parallel()
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{Quota: 2})}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken}}, 120, 40)
	h.forwardTo(stepLogin)
	h.enterPassword(wzPassword)
	h.focusField(h.m.f.count)
	h.key("backspace")
	h.typeText("3")
	h.forwardTo(stepReview)
	h.key("enter")
	h.wantView("the offer", "The quota left takes only 2 of the 3 instances. Create 2 instances", "y creates 2")
	h.key("y")
	if len(cat.creates) != 1 || cat.creates[0].MaxCount != 2 {
		t.Fatalf("creates %+v, want one asking for 2", cat.creates)
	}
	if h.m.phase != phaseStatus {
		t.Fatalf("the create did not open the status panel:\n%s", h.view())
	}
}

// The command for a script breaks only between arguments, a flag with its
// value, each line but the last ending in " \", within the width; c copies
// it and says so.
func TestReviewCommandIsCopyable(t *testing.T) {
	t.Parallel()
	cmd := "cocvm create --region cn-hongkong-11 --az cn-hongkong-11a --name 'my web server' --sg sg-1 --sg sg-2 --password-stdin --yes"
	lines := commandLines(cmd, 40)
	var joined []string
	for i, l := range lines {
		if i < len(lines)-1 && !strings.HasSuffix(l, " \\") {
			t.Errorf("line %d does not go on with a backslash: %q", i, l)
		}
		if len(l) > 40 {
			t.Errorf("line %d is wider than 40: %q", i, l)
		}
		joined = append(joined, strings.TrimSpace(strings.TrimSuffix(l, " \\")))
	}
	if got := strings.Join(joined, " "); got != cmd {
		t.Errorf("the lines join to\n%s\nwant\n%s", got, cmd)
	}
	for _, l := range lines {
		if strings.HasSuffix(strings.TrimSuffix(l, " \\"), "--sg") || strings.HasSuffix(strings.TrimSuffix(l, " \\"), "'my") {
			t.Errorf("a line breaks inside an argument: %q", l)
		}
	}

	var clip []string
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 80, 24)
	h.m.review.env.copy = func(s string) { clip = append(clip, s) }
	wzToReview(t, h)
	h.key("c")
	if len(clip) != 1 || !strings.HasPrefix(clip[0], "cocvm create --region cn-hongkong-11") || strings.Contains(clip[0], "\n") {
		t.Fatalf("clipboard got %q", clip)
	}
	h.wantView("after c", "Copied the command to the clipboard (OSC 52).")
}
