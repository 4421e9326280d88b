package launch

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// Step 5, disks: the system disk's type and size, and up to the type's
// limit of data disks, added with + and removed with ctrl+d.

func (m *Model) disksStep() *field.Step {
	f := &m.f
	p := m.st.P
	f.sysType = &field.Choice{Label: p.Sprintf("System disk")}
	f.sysType.OnChange = func(i int) { m.draft.Spec.SystemDisk.DiskType = m.diskTypeNames()[i] }
	f.sysSize = field.NewInput(p.Sprintf("Size"), "GiB", 4, func(v string) {
		m.draft.Spec.SystemDisk.DiskSizeGB, _ = strconv.Atoi(strings.TrimSpace(v))
		delete(m.auto, autoSize)
	})
	f.sysSize.Hint = p.Sprintf("GiB, 40 to 500 in steps of 10")
	f.sysSize.Local = intProblem(f.sysSize, wizard.PathSystemDisk+".diskSizeGB")
	if n := m.draft.Spec.SystemDisk.DiskSizeGB; n > 0 {
		f.sysSize.SetValue(strconv.Itoa(n))
	}
	s := &field.Step{
		Title: p.Sprintf("Disks"),
		Subtitle: func() string {
			return p.Sprintf("%d of %d disks", 1+len(m.draft.Spec.DataDisks), m.maxDisks())
		},
		Intro: func() string {
			s := ""
			if img := m.data.findImage(m.draft.Spec.ImageID); img != nil && img.SystemDiskSizeGB > 0 {
				s = p.Sprintf("The image needs a system disk of at least %s GiB. ", strconv.Itoa(img.SystemDiskSizeGB))
			}
			if 1+len(m.draft.Spec.DataDisks) < m.maxDisks() {
				return s + p.Sprintf("+ adds a data disk, ctrl+d removes one.")
			}
			return s + p.Sprintf("%s takes no more disks; ctrl+d removes one.", theme.OrDash(m.draft.Spec.InstanceType))
		},
	}
	s.After = func(i int) string {
		if i != 0 {
			return ""
		}
		return m.diskTypesNote()
	}
	for i := range m.draft.Spec.DataDisks {
		f.dataDisks = append(f.dataDisks, m.newDiskRow(i))
	}
	m.diskStep = s
	m.rebuildDiskFields()
	return s
}

// newDiskRow is the row of data disk i of the draft.
func (m *Model) newDiskRow(i int) *field.DiskRow {
	disk := m.draft.Spec.DataDisks[i]
	r := field.NewDiskRow(i, disk.DiskSizeGB, func(i int, diskType string) { m.draft.Spec.DataDisks[i].DiskType = diskType })
	r.Kind.Options, r.Kind.Selected = field.WithOption(m.diskTypeOptions(), disk.DiskType)
	r.OnSize = func(i, gb int) { m.draft.Spec.DataDisks[i].DiskSizeGB = gb }
	r.OnRemove = m.removeDataDisk
	return r
}

// maxDisks is how many disks the chosen type takes, system disk included.
func (m *Model) maxDisks() int {
	if t := m.data.findType(m.draft.Spec.InstanceType); t != nil && t.MaxDisks > 0 {
		return min(t.MaxDisks, 8)
	}
	return 8
}

func (m *Model) rebuildDiskFields() {
	f := &m.f
	fields := []field.Field{f.sysType, f.sysSize}
	for _, d := range f.dataDisks {
		fields = append(fields, d)
	}
	m.diskStep.Fields = fields
	if m.diskStep.Focus >= len(fields) {
		m.diskStep.Focus = len(fields) - 1
	}
}

func (m *Model) addDataDisk() tea.Cmd {
	if 1+len(m.draft.Spec.DataDisks) >= m.maxDisks() {
		return nil
	}
	m.draft.Spec.DataDisks = append(m.draft.Spec.DataDisks, apiclient.InstanceDiskAttachmentSpec{DiskType: defaultDiskType, DiskSizeGB: 100})
	row := m.newDiskRow(len(m.draft.Spec.DataDisks) - 1)
	m.f.dataDisks = append(m.f.dataDisks, row)
	m.rebuildDiskFields()
	m.revalidate()
	return m.diskStep.FocusField(row)
}

func (m *Model) removeDataDisk(i int) tea.Cmd {
	dd := m.draft.Spec.DataDisks
	if i < 0 || i >= len(dd) {
		return nil
	}
	m.draft.Spec.DataDisks = append(dd[:i:i], dd[i+1:]...)
	if len(m.draft.Spec.DataDisks) == 0 {
		m.draft.Spec.DataDisks = nil
	}
	m.f.dataDisks = append(m.f.dataDisks[:i:i], m.f.dataDisks[i+1:]...)
	for j, r := range m.f.dataDisks {
		r.Index = j
	}
	m.rebuildDiskFields()
	m.revalidate()
	return m.diskStep.SetFocusTo(min(m.diskStep.Focus, len(m.diskStep.Fields)-1))
}

// diskTypeNames are the disk types offered, from the API or the documented three.
func (m *Model) diskTypeNames() []string {
	var names []string
	for _, d := range m.data.diskTypes.items {
		names = append(names, d.DiskType)
	}
	if len(names) == 0 {
		names = []string{"ssd.gp1", "ssd.io1", "hdd.std1"}
	}
	return names
}

func (m *Model) diskTypeOptions() []field.Option {
	names := m.diskTypeNames()
	opts := make([]field.Option, len(names))
	for i, n := range names {
		opts[i] = field.Option{Label: n}
		for _, d := range m.data.diskTypes.items {
			if d.DiskType == n && diskSoldOut(d, m.draft.Spec.Az) {
				opts[i].Disabled = m.st.P.Sprintf("sold out in %s", m.draft.Spec.Az)
			}
		}
	}
	return opts
}

// diskTypesNote is what is said under the system disk's type: what the
// disk types' refresh changed of the types chosen, what could not be read,
// and a refresh that failed.
func (m *Model) diskTypesNote() string {
	zone := m.draft.Spec.Az
	var notes []string
	seen := map[string]bool{}
	names := []string{m.draft.Spec.SystemDisk.DiskType}
	for _, d := range m.draft.Spec.DataDisks {
		names = append(names, d.DiskType)
	}
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		if change := m.data.diskTypeChange(n, zone); !change.IsZero() {
			notes = append(notes, m.st.P.Sprintf("⚠ %s changed since the list was last read: %s", n, locale.Say(m.st.P, change)))
		}
	}
	l := &m.data.diskTypes
	note := joinNotes(append(notes, skippedNote(m.st.P, l.skipped), refreshNote(m.st.P, l.refreshErr))...)
	if note == "" {
		return ""
	}
	return field.Indent + m.st.Warn.Render(theme.Truncate(note, m.width-len(field.Indent)-2))
}
