package launch

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/theme"
)

// Step 2, instance type: the types the region sells, in stock or sold out in
// the chosen zone, with their family, vCPUs, memory and GPUs.

func (m *Model) typeStep() *field.Step {
	f := &m.f
	f.types = field.NewList("Instance type", []theme.Column{
		{Title: "TYPE", Width: 17}, {Title: "FAMILY", Width: 8}, {Title: "vCPU", Width: 4, Right: true},
		{Title: "MEMORY", Width: 7, Right: true}, {Title: "GPU", Width: 8}, {Title: "THIS ZONE", Width: 9},
	})
	f.types.MaxRows = 9
	f.types.Empty = "no instance types are offered in this region"
	f.types.Retry = m.retryFailed
	f.types.Spinner = m.spinnerView
	f.types.Noun = kindTypes
	f.types.OnChange = func(id string) {
		m.draft.Spec.InstanceType = id
		delete(m.auto, autoType)
		m.refreshAll()
	}
	return &field.Step{
		Title:    "Instance type",
		Subtitle: func() string { return "zone " + m.draft.Spec.Az },
		Fields:   []field.Field{f.types},
	}
}

var familyNames = map[string]string{"g": "general", "c": "compute", "m": "memory", "p": "gpu", "gpu": "gpu", "general": "general", "compute": "compute", "memory": "memory"}

var familyDescriptions = map[string]string{
	"general": "general purpose", "compute": "compute optimised", "memory": "memory optimised", "gpu": "GPU",
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
	zone := m.draft.Spec.Az
	rows := make([]field.Row, 0, len(m.data.types.items))
	for _, t := range m.data.types.items {
		gpu := "—"
		if t.GPU != nil && t.GPU.Number > 0 {
			gpu = fmt.Sprintf("%d × %s", t.GPU.Number, t.GPU.Model)
		}
		stock, known := inStock(t, zone)
		where := "in stock"
		disabled := ""
		switch {
		case !stock && known && hasZone(t, zone):
			where, disabled = "sold out", "sold out in "+zone
		case !stock && known:
			where, disabled = "not sold", "not sold in "+zone
		}
		in, out := stockIn(t)
		detail := fmt.Sprintf("%d vCPU, %s, %s.", t.CPU, gib(t.MemoryMB), familyDescriptions[familyOf(t)])
		if familyOf(t) == "gpu" {
			detail = fmt.Sprintf("%d vCPU, %s, %s GPU.", t.CPU, gib(t.MemoryMB), gpu)
		}
		if len(in) > 0 {
			detail += " In stock in " + strings.Join(in, ", ")
			if len(out) > 0 {
				detail += "; sold out in " + strings.Join(out, ", ")
			}
			detail += "."
		} else if len(out) > 0 {
			detail += " Sold out in every zone."
		}
		flag := ""
		if change := m.data.typeChange(t, zone); change != "" {
			flag = "changed"
			detail = "Changed: " + change + ". " + detail
		}
		rows = append(rows, field.Row{
			ID:       t.InstanceType,
			Cells:    []string{t.InstanceType, familyOf(t), strconv.Itoa(t.CPU), gib(t.MemoryMB), gpu, where},
			Disabled: disabled,
			Flag:     flag,
			Search:   strings.ToLower(t.InstanceType + " " + familyOf(t) + " " + gpu + " " + strconv.Itoa(t.CPU) + "c " + gib(t.MemoryMB)),
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
