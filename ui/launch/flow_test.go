package launch

import (
	"slices"
	"testing"

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
