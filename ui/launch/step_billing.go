package launch

import (
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/wizard"
)

// Step 6, billing: prepaid by month or year, for how long, auto-renewal; the
// elastic IP follows the instance's billing.

func (m *Model) billingStep() *field.Step {
	f := &m.f
	p := m.st.P
	ch := m.draft.Spec.Charge
	f.chargeUnit = &field.Choice{Label: p.Sprintf("Pay by"), Options: []field.Option{{Label: p.Sprintf("month")}, {Label: p.Sprintf("year")}}}
	if ch.ChargeUnit == apiclient.ChargeUnitYear {
		f.chargeUnit.Selected = 1
	}
	f.chargeUnit.OnChange = func(i int) {
		m.draft.Spec.Charge.ChargeUnit = []string{apiclient.ChargeUnitMonth, apiclient.ChargeUnitYear}[i]
		m.syncEIPCharge()
	}
	f.chargeDuration = field.NewInput(p.Sprintf("Duration"), "1", 2, func(v string) {
		m.draft.Spec.Charge.ChargeDuration, _ = strconv.Atoi(strings.TrimSpace(v))
		m.syncEIPCharge()
	})
	f.chargeDuration.Local = intProblem(f.chargeDuration, wizard.PathCharge+".chargeDuration")
	f.chargeDuration.SetValue(strconv.Itoa(max(ch.ChargeDuration, 1)))
	if ch.ChargeDuration == 0 {
		ch.ChargeDuration = 1
	}
	f.chargeDuration.Hint = p.Sprintf("1 to 9 months, or 1 to 3 years")
	f.autoRenew = &field.Choice{Label: p.Sprintf("Auto-renew"), Options: []field.Option{{Label: p.Sprintf("no")}, {Label: p.Sprintf("yes")}}}
	if ch.AutoRenew {
		f.autoRenew.Selected = 1
	}
	f.autoRenew.OnChange = func(i int) { m.draft.Spec.Charge.AutoRenew = i == 1 }
	return &field.Step{
		Title:    p.Sprintf("Billing"),
		Subtitle: func() string { return p.Sprintf("prepaid") },
		Intro: func() string {
			return p.Sprintf("COC-VM instances are prepaid: the charge is deducted when you confirm.")
		},
		Fields: []field.Field{f.chargeUnit, f.chargeDuration, f.autoRenew},
		After: func(i int) string {
			if i != 2 {
				return ""
			}
			return "\n " + m.st.Subtle.Render(m.chargeSummary())
		},
	}
}

// chargeSummary is one sentence of what will be paid for.
func (m *Model) chargeSummary() string {
	p := m.st.P
	period, count := chargeText(p, m.draft.Spec.Charge), p.Sprintf("%d instances", max(m.draft.Count, 1))
	renew, eip := m.draft.Spec.Charge.AutoRenew, m.draft.Spec.ElasticIPSpec != nil
	switch {
	case renew && eip:
		return p.Sprintf("Prepaid: %s × %s, renewed automatically; the elastic IP is billed for the same period.", period, count)
	case renew:
		return p.Sprintf("Prepaid: %s × %s, renewed automatically.", period, count)
	case eip:
		return p.Sprintf("Prepaid: %s × %s; the elastic IP is billed for the same period.", period, count)
	}
	return p.Sprintf("Prepaid: %s × %s.", period, count)
}

// syncEIPCharge makes the draft's elastic IP follow its billing.
func (m *Model) syncEIPCharge() { FollowCharge(&m.draft.Spec) }

// FollowCharge makes the elastic IP follow the instance's billing, as the
// API requires for prepaid IPs bought with the instance: the same plan,
// unit and duration. The wizard and the create flags both build it so.
func FollowCharge(s *apiclient.InstanceSpec) {
	e, c := s.ElasticIPSpec, s.Charge
	if e == nil || c == nil {
		return
	}
	e.ChargeMode = apiclient.ChargeModePrepaid
	e.ChargePlan = apiclient.EIPPlanBandwidth
	e.ChargeUnit = c.ChargeUnit
	e.ChargeDuration = c.ChargeDuration
}
