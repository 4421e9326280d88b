package launch

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
)

// wzManyTypes is a catalogue with n instance types (the rest of it is the
// sandbox's), to measure the type step at a size no real region has.
type wzManyTypes struct {
	*apiclient.Client
	types []apiclient.InstanceType
}

func (c *wzManyTypes) ListInstanceTypes(context.Context, string, string) (apiclient.Listing[apiclient.InstanceType], error) {
	return apiclient.Listing[apiclient.InstanceType]{Items: c.types}, nil
}

func wzGenerateTypes(n int, zones []string) []apiclient.InstanceType {
	families := []string{"g.n2", "c.n2", "m.n2", "p.n1p4c", "s.n3", "h.n4"}
	sizes := []string{"medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"}
	out := make([]apiclient.InstanceType, 0, n)
	for i := 0; i < n; i++ {
		fam := families[i%len(families)]
		cpu := 1 << (i % len(sizes))
		t := apiclient.InstanceType{
			Family:       fam,
			InstanceType: fmt.Sprintf("%s.%s.v%d", fam, sizes[i%len(sizes)], i),
			CPU:          cpu,
			MemoryMB:     cpu * 4096,
			Architecture: "x86_64",
			MaxDisks:     8,
		}
		if strings.HasPrefix(fam, "p.") {
			t.GPU = &apiclient.GPU{Model: "P4", Number: 1 + i%4}
		}
		for j, z := range zones {
			t.State = append(t.State, apiclient.InstanceTypeState{Az: z, InStock: (i+j)%5 != 1})
		}
		out = append(out, t)
	}
	return out
}

// BenchmarkTypeFilterKeystroke is one keystroke in the type step's filter
// (alternately typing x and deleting it; the filter moves the cursor, the
// choice stays until Enter or space) with 500 types loaded: the
// Update, with everything it re-checks, plus the View drawn after it. The
// target is under 2 ms.
func BenchmarkTypeFilterKeystroke(b *testing.B) {
	cat := &wzManyTypes{
		Client: wzSandbox(b, sandbox.Options{}),
		types:  wzGenerateTypes(500, apiclient.Regions()[0].Zones),
	}
	h := newWzHarness(b, Config{Catalog: cat, Sandbox: true}, 120, 40)
	h.forwardTo(stepType)
	if n := len(h.m.f.types.Rows()); n != 500 {
		b.Fatalf("the type step holds %d types, want 500", n)
	}
	h.key("/")
	typeKey := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}}
	deleteKey := tea.KeyMsg{Type: tea.KeyBackspace}
	// Check once that the keystroke filters, so the benchmark measures the
	// real work.
	first := h.m.draft.Spec.InstanceType
	h.m.Update(typeKey)
	if v := h.view(); !strings.Contains(v, "/x") || h.m.f.types.Shown() == 500 || h.m.draft.Spec.InstanceType != first {
		b.Fatalf("typing x in the filter did not filter, or changed the choice:\n%s", v)
	}
	h.m.Update(deleteKey)
	if h.m.f.types.Shown() != 500 || h.m.draft.Spec.InstanceType != first {
		b.Fatalf("deleting the filter left %d rows and chose %s, want 500 and %s", h.m.f.types.Shown(), h.m.draft.Spec.InstanceType, first)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := typeKey
		if i%2 == 1 {
			k = deleteKey
		}
		h.m.Update(k)
		_ = h.m.View()
	}
}
