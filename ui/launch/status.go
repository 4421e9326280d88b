package launch

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/watch"
)

// newWizardStatus starts the status panel for what was just created.
func newWizardStatus(m *Model, ids []string, resps []*apiclient.CreateInstancesResponse) *watch.Panel {
	d := m.review.draftWithToken(m.draft)
	meta := watch.Meta{
		Count: max(d.Count, 1), InstanceType: d.Spec.InstanceType, Zone: d.Spec.Az, Name: d.Spec.Name,
		ClientToken: d.ClientToken, Sandbox: m.cfg.Sandbox, Journaled: m.cfg.Journal != nil,
		Budget: m.cfg.Budget,
	}
	if len(resps) > 0 {
		meta.RequestID = resps[0].RequestID
	}
	sm := watch.NewPanel(m.ctx, m.cfg.Catalog, d.Region, ids, meta, watch.Options{
		Renderer:   m.cfg.Renderer,
		Now:        m.cfg.Now,
		After:      m.cfg.After,
		AllowRetry: true,
		AllowSave:  m.cfg.SavePreset != nil,
	})
	sm.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	return sm
}
