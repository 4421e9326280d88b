package ui

import (
	"errors"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
)

// After a create whose outcome is unknown (the connection dropped), every
// later submit carries the same clientToken, even when the person changed
// something: the API then returns the same instances or refuses the changed
// body, and nothing is created twice.
func TestReviewKeepsTheTokenAfterAnUnknownOutcome(t *testing.T) {
	wzPlain(t)
	lost := &apiclient.TransportError{Method: "POST", URL: "http://127.0.0.1/v1/regions/cn-hongkong-11/instances", Attempts: 5,
		Err: errors.New("connection reset by peer")}
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: lost}
	h := newWzHarness(t, wizardConfig{Catalog: cat, Sandbox: true}, 120, 60)
	wzToReview(t, h)
	h.keys("enter", "y")
	h.wantView("unknown outcome", "The request did not complete; it may still have been carried out")
	first := cat.creates[0].ClientToken
	if first == "" {
		t.Fatal("the create carried no clientToken")
	}

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
	wzPlain(t)
	refused := apiclient.NewAPIError(400, "INVALID_ARGUMENT", "Invalid password")
	cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: refused}
	h := newWzHarness(t, wizardConfig{Catalog: cat, Sandbox: true}, 120, 60)
	wzToReview(t, h)
	h.keys("enter", "y")
	h.wantView("refusal", "The request was refused:", "e fix the problem")
	h.key("e")
	h.atStep(stepLogin)
	if h.m.steps[stepLogin].focused() != h.m.f.password {
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
