package launch

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// After a create whose outcome is unknown (the connection dropped), every
// later submit carries the same clientToken, even when the person changed
// something: the API then returns the same instances or refuses the changed
// body, and nothing is created twice.
func TestReviewKeepsTheTokenAfterAnUnknownOutcome(t *testing.T) {
	t.Parallel()
	lost := &apiclient.TransportError{Method: "POST", URL: "http://127.0.0.1/v1/regions/cn-hongkong-11/instances", Attempts: 5,
		Err: errors.New("connection reset by peer")}
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: lost}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 60)
	wzToReview(t, h)
	h.keys("enter", "y")
	first := cat.creates[0].ClientToken
	if first == "" {
		t.Fatal("the create carried no clientToken")
	}
	h.wantView("unknown outcome", "The outcome is unknown: the request may have been carried out.",
		"clientToken "+first+" is kept", "cocvm create --resume "+first)

	// Change the name, come back, submit again.
	h.key("7")
	h.focusField(h.m.f.name)
	h.typeText("-2")
	h.forwardTo(stepReview)
	h.keys("enter", "y")
	if len(cat.creates) != 2 {
		t.Fatalf("%d creates, want 2", len(cat.creates))
	}
	if got := cat.creates[1].ClientToken; got != first {
		t.Errorf("the second submit carried token %q, want the first one %q", got, first)
	}
}

// A definite refusal created nothing, so a changed body gets a fresh token.
func TestReviewNewTokenAfterARefusal(t *testing.T) {
	t.Parallel()
	refused := apiclient.NewAPIError(400, "INVALID_ARGUMENT", "Invalid password")
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: refused}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 60)
	wzToReview(t, h)
	h.keys("enter", "y")
	h.wantView("refusal", "The request was refused:", "e fix the problem")
	h.key("e")
	h.atStep(stepLogin)
	if h.m.steps[stepLogin].Focused() != h.m.f.password {
		t.Error("e did not put the cursor in the password field")
	}
	h.focusField(h.m.f.name)
	h.typeText("-2")
	h.forwardTo(stepReview)
	h.keys("enter", "y")
	if len(cat.creates) != 2 || cat.creates[1].ClientToken == cat.creates[0].ClientToken {
		t.Errorf("after a refusal and a change the token was reused: %+v", cat.creates)
	}
	if cat.creates[1].InstanceSpec.Name != defaultName+"-2" {
		t.Errorf("the change was lost: name %q", cat.creates[1].InstanceSpec.Name)
	}
}

// A step taller than an 80x24 terminal scrolls its fields and keeps its
// problems on screen.
func TestFormStepTallerThanTheTerminalKeepsProblemsInView(t *testing.T) {
	t.Parallel()
	d := wizard.Draft{ClientToken: wzToken}
	d.Spec.PrimaryNetworkInterface.IP = "10.9.9.9"
	d.Spec.ElasticIPSpec = wizard.ElasticIP(5)
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true, Draft: d}, 80, 24)
	h.forwardTo(stepNetwork)
	h.focusField(h.m.f.eipMbps)
	v := h.view()
	if n := strings.Count(v, "\n") + 1; n > 24 {
		t.Fatalf("the screen has %d lines:\n%s", n, v)
	}
	h.wantView("network at 80x24", "Still to fix:", "primaryNetworkInterface.ip: 10.9.9.9 is outside", "› Bandwidth", "↑ more above")
}

// The review's "From a script" line never carries the token generated for
// this request: a script repeating it would create nothing the second time.
func TestReviewScriptLineOmitsTheGeneratedToken(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 200, 80)
	wzToReview(t, h)
	token := h.m.review.token
	if token == "" {
		t.Fatal("no token was generated at review time")
	}
	v := h.view()
	if !strings.Contains(v, `"clientToken": "`+token+`"`) {
		t.Errorf("the body does not carry the generated token %s", token)
	}
	i := strings.Index(v, "From a script")
	if i < 0 {
		t.Fatalf("no script line:\n%s", v)
	}
	if strings.Contains(v[i:], token) || strings.Contains(v[i:], "--client-token") {
		t.Errorf("the script line carries the generated token:\n%s", v[i:])
	}
}

// A 200 whose result cannot be read says the request was accepted, with
// its token, and never the decoder's words; sending again (same token)
// gets the ids.
func TestReviewAcceptedButUnreadable(t *testing.T) {
	t.Parallel()
	bad := &apiclient.UnreadableResultError{RequestID: "req-200", Err: errors.New("json: cannot unmarshal string into Go struct field")}
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: bad}
	journal := &memJournal{}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Journal: journal}, 120, 60)
	wzToReview(t, h)
	h.keys("enter", "y")
	tok := cat.creates[0].ClientToken
	h.wantView("accepted, unreadable", "The request was accepted; the ids of its instances could not be read.", "req-200", tok)
	if v := h.view(); strings.Contains(v, "json:") || strings.Contains(v, "unmarshal") {
		t.Errorf("the decoder's own words reached the screen:\n%s", v)
	}
	if got := journal.types(); !slices.Equal(got, []string{presets.RecordIntent, presets.RecordUnknown}) || !journal.recs[1].Accepted {
		t.Errorf("journal %v (accepted %v), want intent then unknown marked accepted", got, journal.recs[len(journal.recs)-1].Accepted)
	}
	h.keys("enter", "y")
	if len(cat.creates) != 2 || cat.creates[1].ClientToken != tok {
		t.Fatalf("the second submit did not reuse %s: %+v", tok, cat.creates)
	}
	if h.m.phase != phaseStatus {
		t.Fatalf("the resubmit did not open the status panel:\n%s", h.view())
	}
}

// While the terminal is too small, the review is not drawn and keys typed
// at it do nothing: Enter and y send no create.
func TestTooSmallTerminalIgnoresKeys(t *testing.T) {
	t.Parallel()
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{})}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 40)
	wzToReview(t, h)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	h.wantView("too small", "The terminal is too small for cocvm")
	h.keys("enter", "y", "enter", "y", "Y")
	if len(cat.creates) != 0 || h.m.review.confirming {
		t.Fatalf("keys on a hidden review acted: %d creates, confirming %v", len(cat.creates), h.m.review.confirming)
	}
	// Back to a usable size, the review works as before.
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.keys("enter", "y")
	if len(cat.creates) != 1 {
		t.Fatalf("%d creates after enter, y on a visible review, want 1", len(cat.creates))
	}
}

// y answers only a confirmation line that was drawn: one typed before the
// question reached the screen does not submit.
func TestConfirmNeedsTheQuestionOnScreen(t *testing.T) {
	t.Parallel()
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{})}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 40)
	wzToReview(t, h)
	// Update without a View in between, as if the frame had not been drawn.
	h.m.Update(wzKey("enter"))
	_, cmd := h.m.Update(wzKey("y"))
	h.run(cmd)
	if len(cat.creates) != 0 {
		t.Fatal("y before the question was drawn sent a create")
	}
	h.wantView("question", "Create 1 instance and deduct")
	h.key("y")
	if len(cat.creates) != 1 {
		t.Fatalf("%d creates after the question was shown and answered, want 1", len(cat.creates))
	}
}

// wzHeldCatalog carries out a create, then holds its answer until the
// caller gives up (the context), as a slow network would.
type wzHeldCatalog struct {
	*apiclient.Client
	sent chan struct{}
}

func (c *wzHeldCatalog) CreateInstances(ctx context.Context, region string, req apiclient.CreateInstancesRequest) (*apiclient.CreateInstancesResponse, error) {
	if _, err := c.Client.CreateInstances(context.Background(), region, req); err != nil {
		return nil, err
	}
	close(c.sent)
	<-ctx.Done()
	return &apiclient.CreateInstancesResponse{ClientToken: req.ClientToken}, ctx.Err()
}

// Ctrl-C while the create is on its way stops it and says what the person
// holds: an unknown outcome, its clientToken and how to resume, exit 130;
// never "nothing was created".
func TestWizardCtrlCWhileSubmittingSaysHowToResume(t *testing.T) {
	t.Parallel()
	cat := &wzHeldCatalog{Client: wzSandbox(t, sandbox.Options{}), sent: make(chan struct{})}
	journal := &memJournal{}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken}, Journal: journal}, 120, 40)
	wzToReview(t, h)
	h.key("enter")
	_, cmd := h.m.Update(wzKey("y"))
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	<-cat.sent
	h.m.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	<-done
	if h.m.outcome != watch.Stopped {
		t.Errorf("outcome %d, want Stopped", h.m.outcome)
	}
	for _, want := range []string{"Stopped while the request was being sent", "clientToken: " + wzToken, "cocvm create --resume " + wzToken} {
		if !strings.Contains(h.m.after, want) {
			t.Errorf("the farewell lacks %q:\n%s", want, h.m.after)
		}
	}
	if strings.Contains(h.m.after, "nothing was created") {
		t.Errorf("the farewell says nothing was created:\n%s", h.m.after)
	}
	if got := journal.types(); !slices.Equal(got, []string{presets.RecordIntent, presets.RecordUnknown}) {
		t.Errorf("journal %v, want intent then unknown", got)
	}
}
