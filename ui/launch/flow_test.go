package launch

import (
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/apiclient/sandbox"
)

// Model tests of the operator's flow through the lists and back to the
// review (wzHarness, model_test.go).

// --- lists ----------------------------------------------------------------------

// Down, Down, Space on the security groups ticks the third group and leaves
// the cursor there: the next Space unticks that one, not another.
func TestWizardSecurityGroupSpaceKeepsTheCursor(t *testing.T) {
	t.Parallel()
	c := wzSandbox(t, sandbox.Options{})
	h := newWzHarness(t, Config{Catalog: c, Sandbox: true}, 120, 40)
	h.forwardTo(stepNetwork)
	h.focusField(h.m.f.groups)
	rows := h.m.f.groups.Rows()
	if len(rows) < 3 {
		t.Fatalf("the sandbox's VPC has %d security groups, want 3 or more", len(rows))
	}
	groups := func() []string {
		var ids []string
		for _, g := range h.m.draft.Spec.PrimaryNetworkInterface.SecurityGroups {
			ids = append(ids, g.GroupID)
		}
		return ids
	}
	first, third := rows[0], rows[2]
	h.keys("down", "down", "space")
	if got := groups(); !slices.Equal(got, []string{first.ID, third.ID}) {
		t.Fatalf("groups = %v, want %s and %s", got, first.ID, third.ID)
	}
	if r := h.m.f.groups.Current(); r == nil || r.ID != third.ID {
		t.Fatalf("the cursor left the row space was pressed on: %v", r)
	}
	h.wantView("the summary", "2 selected: "+first.Cells[0]+", "+third.Cells[0])
	h.key("space")
	if got := groups(); !slices.Equal(got, []string{first.ID}) {
		t.Errorf("a second space unticks the row under the cursor: groups = %v, want %s", got, first.ID)
	}
	h.wantView("the summary", "1 selected: "+first.Cells[0])
}

// On the type list, moving and filtering choose nothing (the look-ups that
// follow the type stay put); esc goes back to the choice; Enter chooses the
// row under the cursor and goes on.
func TestWizardListCursorChoosesOnlyOnEnterOrSpace(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepType)
	chosen := h.m.draft.Spec.InstanceType
	f := h.m.f.types
	h.keys("down", "down")
	if h.m.draft.Spec.InstanceType != chosen {
		t.Fatalf("moving the cursor chose %q", h.m.draft.Spec.InstanceType)
	}
	h.key("esc")
	h.atStep(stepType)
	if r := f.Current(); r == nil || r.ID != chosen {
		t.Fatalf("esc left the cursor on %v, want %s", r, chosen)
	}
	// A filter chooses nothing either, and esc keeps what was chosen.
	h.key("/")
	h.typeText("xlarge")
	h.key("esc")
	if h.m.draft.Spec.InstanceType != chosen {
		t.Fatalf("filtering then esc chose %q, want %s kept", h.m.draft.Spec.InstanceType, chosen)
	}
	var next string
	for i := 0; i < 10; i++ {
		h.key("down")
		if r := f.Current(); r != nil && r.Disabled == "" && r.ID != chosen {
			next = r.ID
			break
		}
	}
	if next == "" {
		t.Fatal("no other type in stock to choose")
	}
	h.key("enter")
	h.atStep(stepImage)
	if h.m.draft.Spec.InstanceType != next {
		t.Errorf("enter chose %q, want the row under the cursor %s", h.m.draft.Spec.InstanceType, next)
	}
}

// After 1–7 on the review, Enter on the last field of the step goes back to
// the review, and ctrl+r does from any field, unless the step on screen has
// a problem, which it then names.
func TestWizardBackToTheReviewInOneKey(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepLogin)
	h.enterPassword(wzPassword)
	h.forwardTo(stepReview)
	ctrlR := func() { h.send(tea.KeyMsg{Type: tea.KeyCtrlR}) }

	// 4 on the review: the network step, whose last field is the public IP.
	h.key("4")
	h.atStep(stepNetwork)
	h.wantView("footer from the review", "ctrl+r review")
	h.focusField(h.m.f.eip)
	h.wantView("footer on the last field", "enter back to the review")
	h.key("enter")
	if h.m.phase != phaseReview {
		t.Fatalf("Enter on the last field of a step opened from the review did not go back:\n%s", h.view())
	}

	// 2, then ctrl+r from the first field.
	h.key("2")
	h.atStep(stepType)
	ctrlR()
	if h.m.phase != phaseReview {
		t.Fatalf("ctrl+r did not open the review:\n%s", h.view())
	}

	// A problem on the step on screen blocks ctrl+r and is named.
	h.key("4")
	h.atStep(stepNetwork)
	h.focusField(h.m.f.ip)
	h.typeText("10.0.0.300")
	h.focusField(h.m.f.vpc)
	ctrlR()
	h.atStep(stepNetwork)
	h.wantView("ctrl+r refused", "The review opens once this step is fixed: primaryNetworkInterface.ip")
	if h.m.steps[stepNetwork].Focused() != h.m.f.ip {
		t.Error("ctrl+r refused did not focus the field to fix")
	}
	for range len("10.0.0.300") {
		h.key("backspace")
	}
	ctrlR()
	if h.m.phase != phaseReview {
		t.Fatalf("ctrl+r after the fix did not open the review:\n%s", h.view())
	}

	// Both keys are on the ? screen of a step.
	h.key("6")
	h.atStep(stepBilling)
	h.key("?")
	h.wantView("? screen", "ctrl+r", "review")
}

// On a first walk through the steps, Enter still goes to the next step,
// and ctrl+r is on the ? screen.
func TestWizardFirstWalkEnterGoesToTheNextStep(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepBilling)
	h.focusField(h.m.f.autoRenew)
	h.key("enter")
	h.atStep(stepLogin)
	h.key("?")
	h.wantView("? screen", "ctrl+r", "review")
}
