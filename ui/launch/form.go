package launch

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/wizard"
)

// Moving through the form: the keys of a step, forward (when the step has
// no problem) and back (always), to a step or to the field that fixes a
// problem, and opening the review.

// stepForPath says which step fixes the field at path.
func stepForPath(path string) stepID {
	p := shortPath(path)
	switch {
	case p == "az" || path == "regionId" || path == "region":
		return stepZone
	case strings.HasPrefix(p, "instanceType"):
		return stepType
	case strings.HasPrefix(p, "imageId"):
		return stepImage
	case strings.HasPrefix(p, "primaryNetworkInterface"), p == "elasticIpSpec", p == "elasticIpSpec.sizeMbps", p == "elasticIpSpec.provider":
		return stepNetwork
	case strings.HasPrefix(p, "systemDisk"), strings.HasPrefix(p, "dataDisks"):
		return stepDisks
	case strings.HasPrefix(p, "charge"), strings.HasPrefix(p, "elasticIpSpec"):
		return stepBilling
	default:
		return stepLogin
	}
}

func (m *Model) updateForm(k tea.KeyMsg) tea.Cmd {
	if m.showHelp {
		m.showHelp = false
		if key.Matches(k, formKeys.CloseHelp) {
			return nil
		}
	}
	s := m.steps[m.cur]
	if m.cur == stepDisks && key.Matches(k, formKeys.AddDisk) {
		return m.addDataDisk()
	}
	if key.Matches(k, formKeys.Review) {
		return m.jumpToReview()
	}
	if f := s.Focused(); f != nil {
		if consumed, cmd := f.Update(k); consumed {
			m.revalidate()
			return cmd
		}
	}
	switch {
	case key.Matches(k, formKeys.Help):
		m.showHelp = true
	case key.Matches(k, formKeys.Down):
		return s.MoveFocus(1)
	case key.Matches(k, formKeys.Next):
		if s.AtLast() {
			return m.forward()
		}
		return s.MoveFocus(1)
	case key.Matches(k, formKeys.Up):
		if s.AtFirst() {
			return nil
		}
		return s.MoveFocus(-1)
	case key.Matches(k, formKeys.Back):
		if s.AtFirst() {
			return m.back()
		}
		return s.MoveFocus(-1)
	case key.Matches(k, formKeys.PrevStep):
		return m.back()
	case key.Matches(k, field.Keys.Retry):
		// retry every failed look-up of this step from anywhere in it
		return m.retryFailed()
	}
	return nil
}

// forward leaves the current step when it has no problems.
func (m *Model) forward() tea.Cmd {
	s := m.steps[m.cur]
	if ps := m.stepProblems(m.cur); len(ps) > 0 {
		s.Blocked = true
		if f := m.fieldFor(ps[0].Path); f != nil && !f.Skip() {
			return s.FocusField(f)
		}
		return nil
	}
	s.Blocked = false
	m.visited[m.cur] = true
	if m.cur == stepLogin || m.fromReview {
		return m.openReview()
	}
	return m.gotoStep(m.cur + 1)
}

// jumpToReview opens the review from anywhere in the form (ctrl+r), unless
// the step on screen has a problem (its field is focused, and the notice
// says which) or look-ups the body depends on are still running. Problems
// of other steps do not block: the review lists them, and e opens the step.
func (m *Model) jumpToReview() tea.Cmd {
	s := m.steps[m.cur]
	if ps := m.stepProblems(m.cur); len(ps) > 0 {
		s.Blocked = true
		m.cfg.Notice = m.st.P.Sprintf("The review opens once this step is fixed: %s: %s", shortPath(ps[0].Path), locale.Say(m.st.P, ps[0].Message))
		if f := m.fieldFor(ps[0].Path); f != nil && !f.Skip() {
			return s.FocusField(f)
		}
		return nil
	}
	if !m.essentialsLoaded() {
		m.cfg.Notice = m.st.P.Sprintf("The review opens once the look-ups still running have answered; press %s again in a moment.",
			formKeys.Review.Help().Key)
		return nil
	}
	s.Blocked = false
	m.visited[m.cur] = true
	return m.openReview()
}

// back is never blocked.
func (m *Model) back() tea.Cmd {
	if m.cur == stepZone {
		if m.presets != nil {
			m.phase = phasePresets
		}
		return nil
	}
	return m.gotoStep(m.cur - 1)
}

func (m *Model) gotoStep(id stepID) tea.Cmd {
	if id >= stepReview {
		return m.openReview()
	}
	m.phase = phaseForm
	m.cur = id
	m.visited[id] = true
	return m.enterStep(id)
}

// gotoPath opens the step that holds the field at path, with that field
// focused.
func (m *Model) gotoPath(path string) tea.Cmd {
	cmd := m.gotoStep(stepForPath(path))
	if f := m.fieldFor(path); f != nil && !f.Skip() {
		cmd = tea.Batch(cmd, m.steps[m.cur].FocusField(f))
	}
	return cmd
}

// fieldFor is the field that edits the value at path, or nil.
func (m *Model) fieldFor(path string) field.Field {
	f := &m.f
	nic := wizard.PathNetwork
	prefixes := []struct {
		path string
		fld  field.Field
	}{
		{wizard.PathAz, f.zone}, {wizard.PathInstanceType, f.types}, {wizard.PathImageID, f.images},
		{nic + ".vpcId", f.vpc}, {nic + ".subnetId", f.subnet}, {nic + ".securityGroups", f.groups}, {nic + ".ip", f.ip},
		{wizard.PathEIP, f.eipMbps}, {wizard.PathSystemDisk + ".diskType", f.sysType}, {wizard.PathSystemDisk, f.sysSize},
		{wizard.PathCharge + ".chargeUnit", f.chargeUnit}, {wizard.PathCharge, f.chargeDuration},
		{wizard.PathName, f.name}, {wizard.PathPassword, f.password}, {wizard.PathKeyName, f.keypair},
		{wizard.PathPasswordAuth, f.pwAuth}, {wizard.PathMaxCount, f.count}, {wizard.PathClientToken, f.token},
	}
	for _, p := range prefixes {
		if strings.HasPrefix(path, p.path) {
			return p.fld
		}
	}
	if path == wizard.PathDataDisks && len(f.dataDisks) > 0 {
		return f.dataDisks[0] // all of them, as for a quota: the first
	}
	if strings.HasPrefix(path, wizard.PathDataDisks+"[") {
		var i int
		if _, err := fmt.Sscanf(strings.TrimPrefix(path, wizard.PathDataDisks), "[%d]", &i); err == nil && i >= 0 && i < len(f.dataDisks) {
			return f.dataDisks[i]
		}
	}
	return nil
}

func (m *Model) enterStep(id stepID) tea.Cmd {
	s := m.steps[id]
	s.Blocked = false
	cmd := s.FocusFirst()
	if s.Enter != nil {
		cmd = tea.Batch(cmd, s.Enter())
	}
	return cmd
}

// openReview shows the review, and asks for the quotas and the stock
// afresh.
func (m *Model) openReview() tea.Cmd {
	m.fromReview = false
	m.phase = phaseReview
	m.visited[stepReview] = true
	m.review.open(m.draft)
	return tea.Batch(m.loadQuota(), m.refreshStock())
}

// openFirstProblem opens the first step with a problem once everything
// it depends on has loaded, or the review when nothing is wrong.
func (m *Model) openFirstProblem() tea.Cmd {
	if !m.essentialsLoaded() {
		return nil // onLoaded asks again when the next list arrives
	}
	m.cfg.StartAtReview = false
	for id := stepZone; id < stepReview; id++ {
		if len(m.stepProblems(id)) > 0 {
			return m.gotoStep(id)
		}
	}
	return m.openReview()
}

// essentialsLoaded reports whether every look-up the defaults and rules
// need has answered (or failed), including those started by the answers.
func (m *Model) essentialsLoaded() bool {
	settled := func(s loadState) bool { return s == loadDone || s == loadFailed }
	d := m.data
	if d.busy() || len(m.pendingLoads) > 0 || !settled(d.types.state) || !settled(d.vpcs.state) ||
		!settled(d.diskTypes.state) || !settled(d.keypairs.state) {
		return false
	}
	for _, src := range imageSources {
		if !settled(d.imageList(src).state) {
			return false
		}
	}
	if len(d.allImages()) > 0 && !settled(d.constraints.state) {
		return false
	}
	if m.draft.Spec.PrimaryNetworkInterface.VpcID != "" && (!settled(d.subnets.state) || !settled(d.groups.state)) {
		return false
	}
	return true
}
