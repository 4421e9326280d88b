package launch

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/wizard"
)

// The review checks the four quotas a create counts against, each with ✓ or
// ✗ and what is left; a refusal for one of them says how much of that one
// is left, and e opens the step that asks for most of it.
func TestReviewChecksEveryQuota(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		opts  sandbox.Options
		count int
		data  int  // data disks added with +
		eip   bool // an elastic IP
		// line is what the quota line says at 120 and 80 columns.
		line, narrow string
		// refused is the create's explanation; "" when it goes through.
		refused []string
		step    stepID
	}{
		{
			name: "every quota enough", opts: sandbox.Options{Quota: 10},
			line:   "Quota left  ✓ 10 of 10 instances · ✓ 80 of 80 disks · ✓ 320000 of 320000 GiB · ✓ 10 of 10 elastic IPs",
			narrow: "Quota left  ✓ 10 instances · ✓ 80 disks · ✓ 320000 GiB · ✓ 10 elastic IPs",
		},
		{
			name: "two too few: two lines at 80 columns", opts: sandbox.Options{Quota: 50}, count: 60, eip: true,
			line:   "✗ 50 instances, 60 needed · ✓ 400 disks · ✓ 1600000 GiB · ✗ 50 elastic IPs, 60 needed",
			narrow: "✗ 50 EIPs, 60 needed",
		},
		{
			name: "instances", opts: sandbox.Options{Quota: 2}, count: 3,
			line:    "✗ 2 of 2 instances left, 3 needed",
			narrow:  "✗ 2 instances, 3 needed",
			refused: []string{"The instance quota of this region is used up.", "0 of 2 instances are in use, 2 left; this request asks for 3."},
			step:    stepLogin,
		},
		{
			name: "disks, the system disk counts", opts: sandbox.Options{Quota: 10, VolumeQuota: 5}, count: 2, data: 2,
			line:   "✗ 5 of 5 disks left, 6 needed",
			narrow: "✗ 5 disks, 6 needed",
			refused: []string{"The cloud disk quota of this region is used up (system disks count too).",
				"0 of 5 cloud disks are in use, 5 left; this request asks for 6 (2 instances × 3 disks, the system disk included)."},
			step: stepDisks,
		},
		{
			name: "disk GiB", opts: sandbox.Options{Quota: 10, VolumeSizeQuota: 200}, count: 2, data: 1,
			line:   "✗ 200 of 200 GiB left, 280 needed",
			narrow: "✗ 200 GiB, 280 needed",
			refused: []string{"The cloud disk capacity quota of this region is used up.",
				"0 of 200 GiB of cloud disk are in use, 200 GiB left; this request asks for 280 GiB (2 instances × 140 GiB)."},
			step: stepDisks,
		},
		{
			name: "elastic IPs", opts: sandbox.Options{Quota: 10, ElasticIPQuota: 1}, count: 2, eip: true,
			line:   "✗ 1 of 1 elastic IPs left, 2 needed",
			narrow: "✗ 1 EIPs, 2 needed",
			refused: []string{"The elastic IP quota of this region is used up.",
				"0 of 1 elastic IPs are in use, 1 left; this request asks for 2 (one per instance)."},
			step: stepNetwork,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := wzSandbox(t, tc.opts)
			h := newWzHarness(t, Config{Catalog: c, Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken}}, 120, 60)
			h.forwardTo(stepNetwork)
			if tc.eip {
				h.focusField(h.m.f.eip)
				h.key("right")
			}
			h.forwardTo(stepDisks)
			for i := 0; i < tc.data; i++ {
				h.key("+")
			}
			h.forwardTo(stepLogin)
			h.enterPassword(wzPassword)
			if tc.count > 0 {
				h.focusField(h.m.f.count)
				h.key("backspace")
				h.typeText(itoa(tc.count))
			}
			h.forwardTo(stepReview)
			h.wantView("quota line at 120 columns", tc.line)
			h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			h.wantView("quota line at 80 columns", tc.narrow)
			for _, l := range strings.Split(h.view(), "\n") {
				if ansi.StringWidth(l) > 80 {
					t.Errorf("a line is wider than 80 columns: %q", l)
				}
			}
			h.send(tea.WindowSizeMsg{Width: 120, Height: 60})
			if len(tc.refused) == 0 {
				return
			}
			// The quota line already says too few are left: the question
			// offers as many as fit; a asks for all anyway.
			h.key("enter")
			h.wantView("offer what fits", "The quota left takes only", "a asks for all "+itoa(tc.count)+" anyway")
			h.key("a")
			h.wantView("refused for quota", append([]string{"The request was refused:"}, tc.refused...)...)
			h.key("e")
			h.atStep(tc.step)
		})
	}
}

// The quotas are asked afresh each time the review opens: instances created
// meanwhile are counted.
func TestReviewAsksForTheQuotasAfresh(t *testing.T) {
	t.Parallel()
	c := wzSandbox(t, sandbox.Options{Quota: 5})
	h := newWzHarness(t, Config{Catalog: c, Sandbox: true}, 120, 60)
	wzToReview(t, h)
	h.wantView("first review", "✓ 5 of 5 instances")
	// Someone else creates two instances.
	d := h.m.draft
	d.Count, d.ClientToken = 2, "cocvm-elsewhere"
	if _, err := c.CreateInstances(h.m.ctx, d.Region, wizard.Build(d)[0]); err != nil {
		t.Fatal(err)
	}
	h.key("7")
	h.forwardTo(stepReview)
	h.wantView("second review", "✓ 3 of 5 instances")
}

// quotaLeftText says nothing of a quota the answer did not report.
func TestQuotaLeftTextWithoutTheQuota(t *testing.T) {
	t.Parallel()
	d := wizard.Draft{Count: 2}
	err := apiclient.NewAPIError(429, apiclient.StatusQuotaExceeded, "Volume quota limit exceeded")
	if got := DescribeFailure(nil, err, d, &apiclient.Quotas{}); strings.Contains(got, "in use") {
		t.Errorf("a quota not reported was described: %q", got)
	}
	if got := DescribeFailure(nil, err, d, nil); !strings.Contains(got, "cloud disk quota") {
		t.Errorf("without the quotas, the refusal is still explained: %q", got)
	}
}
