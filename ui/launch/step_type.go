package launch

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// Step 2, instance type: the types the region sells, in stock or sold out in
// the chosen zone, with their family, vCPUs, memory and GPUs.

func (m *Model) typeStep() *field.Step {
	f := &m.f
	p := m.st.P
	f.types = m.lookUpList(p.Sprintf("Instance type"), p.Sprintf("instance types"), 9, []theme.Column{
		{Title: p.Sprintf("TYPE"), Width: 17}, {Title: p.Sprintf("FAMILY"), Width: 8}, {Title: "vCPU", Width: 4, Right: true},
		{Title: p.Sprintf("MEMORY"), Width: 7, Right: true}, {Title: "GPU", Width: 8}, {Title: p.Sprintf("THIS ZONE"), Width: 9},
	})
	f.types.Empty = p.Sprintf("no instance types are offered in this region")
	f.types.OnChange = func(id string) {
		m.draft.Spec.InstanceType = id
		delete(m.auto, autoType)
		m.refreshAll()
	}
	return &field.Step{
		Title:    p.Sprintf("Instance type"),
		Subtitle: func() string { return p.Sprintf("zone %s", m.draft.Spec.Az) },
		Fields:   []field.Field{f.types},
	}
}

var familyNames = map[string]string{"g": "general", "c": "compute", "m": "memory", "p": "gpu", "gpu": "gpu", "general": "general", "compute": "compute", "memory": "memory"}

// familyText is a family as the type list shows it, in p's language.
func familyText(p *message.Printer, fam string) string {
	switch fam {
	case "general":
		return p.Sprintf("general")
	case "compute":
		return p.Sprintf("compute")
	case "memory":
		return p.Sprintf("memory")
	case "gpu":
		return p.Sprintf("gpu")
	}
	return fam
}

// familyDescription is what a family is for, in p's language.
func familyDescription(p *message.Printer, fam string) string {
	switch fam {
	case "general":
		return p.Sprintf("general purpose")
	case "compute":
		return p.Sprintf("compute optimised")
	case "memory":
		return p.Sprintf("memory optimised")
	case "gpu":
		return "GPU"
	}
	return ""
}

func familyOf(t apiclient.InstanceType) string {
	fam := t.Family
	if fam == "" {
		fam = t.InstanceType
	}
	if i := strings.IndexByte(fam, '.'); i > 0 {
		fam = fam[:i]
	}
	if n, ok := familyNames[strings.ToLower(fam)]; ok {
		return n
	}
	return fam
}

func (m *Model) typeRows() []field.Row {
	p := m.st.P
	zone := m.draft.Spec.Az
	rows := make([]field.Row, 0, len(m.data.types.items))
	for _, t := range m.data.types.items {
		gpu := "—"
		if t.GPU != nil && t.GPU.Number > 0 {
			gpu = fmt.Sprintf("%d × %s", t.GPU.Number, t.GPU.Model)
		}
		where := p.Sprintf("in stock")
		disabled := ""
		switch {
		case inStock(t, zone):
		case hasZone(t, zone):
			where, disabled = p.Sprintf("sold out"), p.Sprintf("sold out in %s", zone)
		default:
			where, disabled = p.Sprintf("not sold"), p.Sprintf("not sold in %s", zone)
		}
		in, out := stockIn(t)
		fam := familyOf(t)
		detail := p.Sprintf("%s vCPU, %s, %s.", strconv.Itoa(t.CPU), gib(t.MemoryMB), familyDescription(p, fam))
		if fam == "gpu" {
			detail = p.Sprintf("%s vCPU, %s, %s GPU.", strconv.Itoa(t.CPU), gib(t.MemoryMB), gpu)
		}
		switch {
		case len(in) > 0 && len(out) > 0:
			detail += p.Sprintf(" In stock in %s; sold out in %s.", locale.List(p, in), locale.List(p, out))
		case len(in) > 0:
			detail += p.Sprintf(" In stock in %s.", locale.List(p, in))
		case len(out) > 0:
			detail += p.Sprintf(" Sold out in every zone.")
		}
		flag := ""
		if change := m.data.typeChange(t, zone); !change.IsZero() {
			flag = p.Sprintf("changed")
			detail = p.Sprintf("Changed: %s. %s", locale.Say(p, change), detail)
		}
		rows = append(rows, field.Row{
			ID:       t.InstanceType,
			Cells:    []string{t.InstanceType, familyText(p, fam), strconv.Itoa(t.CPU), gib(t.MemoryMB), gpu, where},
			Disabled: disabled,
			Flag:     flag,
			Search:   strings.ToLower(t.InstanceType + " " + fam + " " + familyText(p, fam) + " " + gpu + " " + strconv.Itoa(t.CPU) + "c " + gib(t.MemoryMB)),
			Detail:   detail,

			ReasonShown: true,
		})
	}
	return rows
}

func hasZone(t apiclient.InstanceType, zone string) bool {
	for _, s := range t.State {
		if s.Az == zone {
			return true
		}
	}
	return false
}

func gib(mb int) string {
	if mb%1024 == 0 {
		return strconv.Itoa(mb/1024) + " GiB"
	}
	return strconv.FormatFloat(float64(mb)/1024, 'f', 1, 64) + " GiB"
}
