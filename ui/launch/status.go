package launch

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/watch"
)

// newWizardStatus starts the status panel for what out created.
func newWizardStatus(m *Model, out Submission) *watch.Panel {
	d := m.review.draftWithToken(m.draft)
	asked := 0
	var zones []string
	for _, z := range out.Zones() {
		asked += z.Asked
		zones = append(zones, z.Zone)
	}
	missing, why := missingText(m.st.P, out)
	meta := watch.Meta{
		Printer: m.st.P,
		Count:   max(asked, 1), InstanceType: d.Spec.InstanceType, Zone: ZonesText(zones), Name: d.Spec.Name,
		ClientToken: d.ClientToken, Sandbox: m.cfg.Sandbox, Journaled: m.cfg.Journal != nil,
		Budget: m.cfg.Budget, Zones: zonesByID(out), Missing: missing, MissingWhy: why,
	}
	if len(out.Resps) > 0 {
		meta.RequestID = out.Resps[0].RequestID
	}
	sm := watch.NewPanel(m.ctx, m.cfg.Catalog, d.Region, out.IDs(), meta, watch.Options{
		Renderer:   m.cfg.Renderer,
		Now:        m.cfg.Now,
		After:      m.cfg.After,
		AllowRetry: true,
		AllowSave:  m.cfg.SavePreset != nil,
	})
	sm.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	return sm
}

// zonesByID is the zone each instance of out was created in.
func zonesByID(out Submission) map[string]string {
	zones := map[string]string{}
	for _, z := range out.Zones() {
		for _, id := range z.IDs {
			zones[id] = z.Zone
		}
	}
	return zones
}

// missingText is how many instances out asked for and did not create
// (refused, or not sent after a refusal), and where and why in one line
// in p's language:
// "30 not created in cn-hongkong-11b: the instance quota of this region is
// used up." An unknown outcome is not missing: resuming may still create
// it.
func missingText(p *message.Printer, out Submission) (int, string) {
	n := out.Missing()
	if n == 0 {
		return 0, ""
	}
	var parts []string
	for _, z := range out.Zones() {
		if z.Missing == 0 {
			continue
		}
		var ae *apiclient.APIError
		switch {
		case z.SoldOut() && errors.As(z.Err, &ae):
			parts = append(parts, p.Sprintf("%d not created in %s: sold out there (%s)", z.Missing, z.Zone, strings.TrimSuffix(ae.Message, ".")))
		case z.Err != nil:
			parts = append(parts, p.Sprintf("%d not created in %s: %s", z.Missing, z.Zone,
				strings.TrimSuffix(strings.TrimSuffix(locale.Say(p, advice.Explain(z.Err).Summary), "."), "。")))
		default:
			parts = append(parts, p.Sprintf("%d not created in %s", z.Missing, z.Zone))
		}
	}
	return n, p.Sprintf("%s.", strings.Join(parts, p.Sprintf("; ")))
}
