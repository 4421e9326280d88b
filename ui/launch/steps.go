package launch

import (
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// stepFields keeps a handle on every field, so data arriving from the API
// and choices made in one step can refresh the others.
type stepFields struct {
	region, zone *field.List

	types *field.List

	imgSource, imgPlatform *field.Choice
	images                 *field.List

	vpc, subnet, groups *field.List
	ip                  *field.Input
	eip                 *field.Choice
	eipMbps             *field.Input

	sysType   *field.Choice
	sysSize   *field.Input
	dataDisks []*field.DiskRow

	chargeUnit     *field.Choice
	chargeDuration *field.Input
	autoRenew      *field.Choice

	login    *field.Choice
	password *field.Input
	confirm  *field.Input
	keypair  *field.List
	pwAuth   *field.Choice
	name     *field.Input
	count    *field.Input
	token    *field.Input
}

// Defaults a newcomer can press Enter through.
const (
	defaultName     = "cocvm-instance"
	defaultDiskType = "ssd.gp1"
	defaultEIPMbps  = 5
)

// Which choices were made by the wizard rather than the person: those are
// re-chosen when an earlier step changes; the person's own choices are kept
// and flagged when they no longer fit.
const (
	autoType   = "type"
	autoImage  = "image"
	autoVpc    = "vpc"
	autoSubnet = "subnet"
	autoGroups = "groups"
	autoSize   = "size"
)

func (m *Model) spinnerView() string { return m.spin.View() }

// lookUpList is the field of a list the API is asked for: noun (plural) is
// what it holds, its spinner is the wizard's, and r retries every failed
// look-up.
func (m *Model) lookUpList(label, noun string, maxRows int, cols []theme.Column) *field.List {
	l := field.NewList(label, cols)
	l.Noun, l.MaxRows = noun, maxRows
	l.Spinner = m.spinnerView
	l.Retry = m.retryFailed
	return l
}

func (m *Model) buildSteps() {
	m.auto = map[string]bool{}
	d := &m.draft
	if d.Count == 0 {
		d.Count = 1
	}
	if d.Spec.Name == "" {
		d.Spec.Name = defaultName
	}
	if d.Spec.SystemDisk.DiskType == "" {
		d.Spec.SystemDisk.DiskType = defaultDiskType
	}
	if d.Spec.SystemDisk.DiskSizeGB == 0 {
		m.auto[autoSize] = true
	}
	if d.Spec.Charge == nil {
		d.Spec.Charge = &apiclient.ChargeSpec{ChargeMode: apiclient.ChargeModePrepaid, ChargeUnit: apiclient.ChargeUnitMonth, ChargeDuration: 1}
	}
	m.syncEIPCharge()
	for k, empty := range map[string]bool{
		autoType: d.Spec.InstanceType == "", autoImage: d.Spec.ImageID == "",
		autoVpc: d.Spec.PrimaryNetworkInterface.VpcID == "", autoSubnet: d.Spec.PrimaryNetworkInterface.SubnetID == "",
		autoGroups: len(d.Spec.PrimaryNetworkInterface.SecurityGroups) == 0,
	} {
		if empty {
			m.auto[k] = true
		}
	}
	m.steps = []*field.Step{
		m.zoneStep(), m.typeStep(), m.imageStep(), m.networkStep(),
		m.disksStep(), m.billingStep(), m.loginStep(),
	}
	m.refreshAll() // which re-runs the rules
}

// intProblem reports text that is not a whole number, which the rules,
// working on numbers, cannot see.
func intProblem(f *field.Input, path string) func() wizard.Problem {
	return func() wizard.Problem {
		v := strings.TrimSpace(f.Value())
		if v == "" {
			return wizard.Problem{Path: path, Message: apiclient.T("enter a number")}
		}
		if _, err := strconv.Atoi(v); err != nil {
			return wizard.Problem{Path: path, Message: apiclient.T("%q is not a whole number", v)}
		}
		return wizard.Problem{}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
