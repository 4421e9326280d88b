package watch

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/ui/locale"
)

// thousandRowPanel is a watch of 1,000 instances a while after the
// submit, on a 120×40 terminal: one in ten failed (deleted after an
// error), one in five still pending, the rest running with addresses.
func thousandRowPanel(tb testing.TB, r *lipgloss.Renderer) *Panel {
	tb.Helper()
	return thousandRowPanelIn(tb, r, nil)
}

// thousandRowPanelIn is thousandRowPanel speaking through p (nil: English).
func thousandRowPanelIn(tb testing.TB, r *lipgloss.Renderer, p *message.Printer) *Panel {
	tb.Helper()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	ids := manyIDs(1000)
	for i, id := range ids {
		switch {
		case i%10 == 3:
			api.add(id, fails(0, 3*time.Second), "")
		case i%5 == 1:
			api.add(id, stays("pending"), "")
		default:
			api.add(id, boots(2*time.Second), fmt.Sprintf("10.0.%d.%d", i/200, i%200+10))
			api.public[id] = fmt.Sprintf("114.67.%d.%d", i/200, i%200+10)
		}
	}
	m := NewPanel(context.Background(), api, "cn-hongkong-11", ids,
		Meta{InstanceType: "g.n2.large", Zone: "cn-hongkong-11a", Name: "batch-worker", Printer: p}, Options{Now: clock.Now, Renderer: r})
	m.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	for clock.Now().Sub(statusTestStart) < 15*time.Second {
		clock.Advance(m.tracker.NextDelay(clock.Now()))
		m.Update(statusPolledMsg{id: m.id, res: fetchPoll(context.Background(), api, "cn-hongkong-11", m.tracker.plan(), clock.Now)})
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}

// BenchmarkStatusViewThousandRows draws the panel of 1,000 instances,
// scrolled (target: under 2 ms a frame).
func BenchmarkStatusViewThousandRows(b *testing.B) {
	for _, p := range []struct {
		name     string
		renderer *lipgloss.Renderer
		printer  *message.Printer
	}{{"no-color", plain, nil}, {"truecolor", truecolour(), nil}, {"truecolor-chinese", truecolour(), locale.Printer(locale.Chinese)}} {
		b.Run(p.name, func(b *testing.B) {
			m := thousandRowPanelIn(b, p.renderer, p.printer)
			if n := strings.Count(m.View(), "i-000"); n < 20 {
				b.Fatalf("%d rows on screen:\n%s", n, m.View())
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
	// The first frame after a poll sorts the rows and sizes the columns
	// again.
	b.Run("after-a-poll", func(b *testing.B) {
		m := thousandRowPanel(b, truecolour())
		b.ReportAllocs()
		for b.Loop() {
			m.tracker.changes++
			_ = m.View()
		}
	})
}

// The rows that need a look come first: failures, then those in error,
// then those still pending; the running ones after, each group in the
// order watched.
func TestStatusPanelSortsFailuresAndPendingFirst(t *testing.T) {
	t.Parallel()
	m := thousandRowPanel(t, plain)
	rows := m.sortedRows()
	if len(rows) != 1000 {
		t.Fatalf("%d rows", len(rows))
	}
	last, seen := -1, map[int]int{}
	for i, in := range rows {
		r := rowRank(in)
		if r < last {
			t.Fatalf("row %d (%s, %s) comes after a row of a later group", i, in.ID, in.Word())
		}
		last = r
		seen[r]++
	}
	if seen[0] != 100 || seen[2] != 200 || seen[3] != 700 {
		t.Errorf("groups %v, want 100 failed, 200 pending, 700 running", seen)
	}
	v := m.View()
	if !strings.Contains(v, "i-00000003  ✗ failed") || strings.Contains(v, "● running") || strings.Contains(v, "pending     ") {
		t.Errorf("the first screen is not the failures:\n%s", v)
	}
	for range 100 {
		press(m, "pgdown")
	}
	if v := m.View(); !strings.Contains(v, "● running") || !strings.Contains(v, "rows 966–1000 of 1000") {
		t.Errorf("the last screen:\n%s", v)
	}
}

// BenchmarkStatusMemoryThousandRows is what a watch of 1,000 instances
// holds once they have been polled and drawn (target: under 40 MB), as
// MB-held: the live heap it adds.
func BenchmarkStatusMemoryThousandRows(b *testing.B) {
	var held float64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m := thousandRowPanel(b, truecolour())
		_ = m.View()
		runtime.GC()
		runtime.ReadMemStats(&after)
		held = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
		runtime.KeepAlive(m)
	}
	b.ReportMetric(held, "MB-held")
}
