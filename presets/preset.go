package presets

import (
	"fmt"
	"strconv"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// SchemaVersion is the preset file format this cocvm writes and the newest it
// reads. Raise it only with a reader for every older version.
const SchemaVersion = 1

// Preset is a named, reusable draft. It never holds a password (the file
// format has no key for one) nor a clientToken (each create needs a fresh
// one, or a second create from the same preset would be taken as a retry of
// the first and create nothing).
type Preset struct {
	// Name is the file name without ".toml"; see ValidateName.
	Name string
	// Description is free text shown by `cocvm presets list`.
	Description string
	// Updated is when the preset was last saved; Store.Save sets it.
	Updated time.Time
	// Schema is the format version the file was written with; Store.Save
	// always writes SchemaVersion.
	Schema int
	// Draft is the region and request, password and clientToken removed.
	Draft wizard.Draft
}

// New makes a preset from a draft, dropping its password and clientToken.
func New(name, description string, d wizard.Draft) Preset {
	return Preset{Name: name, Description: description, Schema: SchemaVersion, Draft: Scrub(d)}
}

// ToDraft returns a copy of the preset's draft that the caller may change
// freely. It has no password and no clientToken: the caller adds both.
func (p Preset) ToDraft() wizard.Draft {
	return cloneDraft(p.Draft)
}

// Scrub returns a deep copy of d without the password and the clientToken,
// with empty lists made nil (as reading a preset file gives them).
func Scrub(d wizard.Draft) wizard.Draft {
	c := cloneDraft(d)
	c.Spec.Password = ""
	c.ClientToken = ""
	return c
}

func cloneDraft(d wizard.Draft) wizard.Draft {
	c := d
	s := &c.Spec
	if d.Spec.ElasticIPSpec != nil {
		e := *d.Spec.ElasticIPSpec
		s.ElasticIPSpec = &e
	}
	if d.Spec.Charge != nil {
		ch := *d.Spec.Charge
		s.Charge = &ch
	}
	s.DataDisks = nil
	if len(d.Spec.DataDisks) > 0 {
		s.DataDisks = append([]apiclient.InstanceDiskAttachmentSpec(nil), d.Spec.DataDisks...)
	}
	s.PrimaryNetworkInterface.SecurityGroups = nil
	if sg := d.Spec.PrimaryNetworkInterface.SecurityGroups; len(sg) > 0 {
		s.PrimaryNetworkInterface.SecurityGroups = append([]apiclient.SecurityGroupCreate(nil), sg...)
	}
	return c
}

// ValidateName checks a preset name: 1 to 64 letters, digits, '-', '_' or
// '.', not starting with '.'. Names become file names, so nothing that could
// leave the presets directory or hide the file is allowed.
func ValidateName(name string) error {
	const rule = "use 1 to 64 letters (a-z, A-Z), digits, '-', '_' or '.', not starting with '.'"
	switch {
	case name == "":
		return fmt.Errorf("preset name is empty: %s", rule)
	case len(name) > 64:
		return fmt.Errorf("preset name is %d characters long: %s", len(name), rule)
	case name[0] == '.':
		return fmt.Errorf("preset name %q starts with '.': %s", name, rule)
	}
	for i, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return fmt.Errorf("preset name %q has %s at position %d: %s", name, strconv.QuoteRune(r), i+1, rule)
		}
	}
	return nil
}

// encodePreset writes the preset file: commented TOML, keys named after the
// createInstances fields in snake_case. There is no key for a password or a
// clientToken, so neither can reach the file whatever the draft holds.
func encodePreset(p Preset) []byte {
	d := p.Draft
	s := d.Spec
	var w tomlWriter
	w.comment(
		fmt.Sprintf("cocvm preset %q", p.Name),
		"",
		"A reusable set of choices for `cocvm create --preset "+p.Name+"`: everything a",
		"createInstances request needs except the password and the clientToken.",
		"It never holds a password: cocvm removes it when saving. Give one with",
		"--password-stdin or in the wizard, or log in with a key pair (key_name).",
		"Each create gets a fresh clientToken, so a preset can be used many times.",
		"",
		"Edit it freely: keys are the createInstances fields in snake_case. Unknown",
		"keys are refused, so a typo is reported instead of silently ignored.",
	)
	w.blank()
	schema := p.Schema
	if schema == 0 {
		schema = SchemaVersion
	}
	w.int("schema", schema, "File format version; cocvm refuses files newer than it understands.")
	w.str("description", p.Description, "Shown by `cocvm presets list`.")
	if !p.Updated.IsZero() {
		w.time("updated", p.Updated, "When this preset was last saved.")
	}
	w.str("region", d.Region, "Region the instances are created in (regionId in the request URL).")
	if d.Count != 0 {
		w.int("count", d.Count, "How many instances (maxCount); more than 100 are sent as several requests.")
	}

	w.table("instance")
	w.str("az", s.Az, "Availability zone (instanceSpec.az).")
	w.str("instance_type", s.InstanceType, "Instance type (instanceSpec.instanceType).")
	w.str("image_id", s.ImageID, "Image ID (instanceSpec.imageId).")
	w.str("name", s.Name, "Instance name (instanceSpec.name), 1 to 64 characters.")
	if s.KeyName != "" {
		w.str("key_name", s.KeyName, "Key pair for SSH login (instanceSpec.keyName).")
	}
	if s.PasswordAuth != "" {
		w.str("password_auth", s.PasswordAuth, `Allow SSH password login: "yes" or "no" (instanceSpec.passwordAuth).`)
	}

	n := s.PrimaryNetworkInterface
	w.table("network")
	w.str("vpc_id", n.VpcID, "VPC (instanceSpec.primaryNetworkInterface.vpcId).")
	w.str("subnet_id", n.SubnetID, "Subnet (primaryNetworkInterface.subnetId).")
	if n.IP != "" {
		w.str("ip", n.IP, "Fixed private IP (primaryNetworkInterface.ip); only with count 1.")
	}
	for i, g := range n.SecurityGroups {
		w.arrayTable("network", "security_groups")
		c := ""
		if i == 0 {
			c = "A security group (primaryNetworkInterface.securityGroups); one section each."
		}
		w.str("group_id", g.GroupID, c)
		if g.GroupName != "" {
			w.str("group_name", g.GroupName, "")
		}
	}

	w.table("system_disk")
	w.str("disk_type", s.SystemDisk.DiskType, "System disk type, e.g. ssd.gp1 (instanceSpec.systemDisk.diskType).")
	if s.SystemDisk.DiskSizeGB != 0 {
		w.int("disk_size_gb", s.SystemDisk.DiskSizeGB, "Size in GiB (systemDisk.diskSizeGB).")
	}
	for i, dd := range s.DataDisks {
		w.arrayTable("data_disks")
		c := ""
		if i == 0 {
			c = "A data disk (instanceSpec.dataDisks); one section each."
		}
		w.str("disk_type", dd.DiskType, c)
		if dd.DiskSizeGB != 0 {
			w.int("disk_size_gb", dd.DiskSizeGB, "")
		}
	}

	if e := s.ElasticIPSpec; e != nil {
		w.table("elastic_ip")
		w.int("size_mbps", e.SizeMbps, "Public IP bandwidth in Mbps (instanceSpec.elasticIpSpec.sizeMbps).")
		w.str("provider", e.Provider, "Line provider, e.g. bgp (elasticIpSpec.provider).")
		if e.ChargeMode != "" {
			w.str("charge_mode", e.ChargeMode, "")
		}
		if e.ChargePlan != "" {
			w.str("charge_plan", e.ChargePlan, "")
		}
		if e.ChargeUnit != "" {
			w.str("charge_unit", e.ChargeUnit, "")
		}
		if e.ChargeDuration != 0 {
			w.int("charge_duration", e.ChargeDuration, "")
		}
	}

	if c := s.Charge; c != nil {
		w.table("charge")
		w.comment("Billing (instanceSpec.charge): prepaid by month or year.")
		if c.ChargeMode != "" {
			w.str("charge_mode", c.ChargeMode, "")
		}
		if c.ChargeUnit != "" {
			w.str("charge_unit", c.ChargeUnit, `"month" or "year".`)
		}
		if c.ChargeDuration != 0 {
			w.int("charge_duration", c.ChargeDuration, "1-9 months or 1-3 years.")
		}
		w.bool("auto_renew", c.AutoRenew, "Renew automatically when the term ends.")
	}
	return w.bytes()
}

// decodePreset reads a preset file strictly. name is the preset's name (from
// the file name); path is only for messages.
func decodePreset(path, name string, data []byte) (Preset, error) {
	fix := "Correct that line (or delete the file to drop the preset); cocvm leaves the file as it is"
	doc, root, err := parseTOML(path, data, fix, false)
	if err != nil {
		return Preset{}, err
	}
	p := Preset{Name: name}

	// The version decides how to read everything else, so it comes first
	// and a newer file is refused before its new keys look like typos.
	sv := root.optInt("schema")
	switch {
	case doc.err != nil:
		return Preset{}, doc.err
	case sv == nil:
		return Preset{}, &FileError{Path: path, Problem: "no schema key, so its format is unknown",
			Fix: fmt.Sprintf("Add the line `schema = %d` at the top if it was written for this cocvm", SchemaVersion)}
	case *sv > SchemaVersion:
		return Preset{}, &FileError{Path: path, Line: findKeyLine(data, []string{"schema"}),
			Problem: fmt.Sprintf("written by a newer cocvm (preset schema %d; this cocvm reads up to %d)", *sv, SchemaVersion),
			Fix:     "Update cocvm to use it; the file is left as it is"}
	case *sv < 1:
		return Preset{}, &FileError{Path: path, Line: findKeyLine(data, []string{"schema"}),
			Problem: fmt.Sprintf("schema %d is not a preset format version", *sv),
			Fix:     fmt.Sprintf("Set `schema = %d`", SchemaVersion)}
	}
	p.Schema = *sv

	p.Description = root.str("description")
	p.Updated = root.time("updated")
	p.Draft.Region = root.str("region")
	p.Draft.Count = root.int("count")

	s := &p.Draft.Spec
	if t := root.table("instance"); t != nil {
		if t.has("password") && doc.err == nil {
			return Preset{}, &FileError{Path: path, Line: findKeyLine(data, t.keyPath("password")),
				Problem: "a preset never holds a password",
				Fix:     "Delete that line and give the password with --password-stdin or in the wizard; cocvm leaves the file as it is"}
		}
		s.Az = t.str("az")
		s.InstanceType = t.str("instance_type")
		s.ImageID = t.str("image_id")
		s.Name = t.str("name")
		s.KeyName = t.str("key_name")
		s.PasswordAuth = t.str("password_auth")
		t.finish()
	}
	if t := root.table("network"); t != nil {
		n := &s.PrimaryNetworkInterface
		n.VpcID = t.str("vpc_id")
		n.SubnetID = t.str("subnet_id")
		n.IP = t.str("ip")
		for _, g := range t.tables("security_groups") {
			n.SecurityGroups = append(n.SecurityGroups, apiclient.SecurityGroupCreate{
				GroupID:   g.str("group_id"),
				GroupName: g.str("group_name"),
			})
			g.finish()
		}
		t.finish()
	}
	if t := root.table("system_disk"); t != nil {
		s.SystemDisk = decodeDisk(t)
	}
	for _, t := range root.tables("data_disks") {
		s.DataDisks = append(s.DataDisks, decodeDisk(t))
	}
	if t := root.table("elastic_ip"); t != nil {
		s.ElasticIPSpec = &apiclient.ElasticIPSpec{
			SizeMbps:       t.int("size_mbps"),
			Provider:       t.str("provider"),
			ChargeMode:     t.str("charge_mode"),
			ChargePlan:     t.str("charge_plan"),
			ChargeUnit:     t.str("charge_unit"),
			ChargeDuration: t.int("charge_duration"),
		}
		t.finish()
	}
	if t := root.table("charge"); t != nil {
		s.Charge = &apiclient.ChargeSpec{
			ChargeMode:     t.str("charge_mode"),
			ChargeUnit:     t.str("charge_unit"),
			ChargeDuration: t.int("charge_duration"),
			AutoRenew:      t.bool("auto_renew"),
		}
		t.finish()
	}
	root.finish()
	if doc.err != nil {
		return Preset{}, doc.err
	}
	return p, nil
}

func decodeDisk(t *tomlTable) apiclient.InstanceDiskAttachmentSpec {
	d := apiclient.InstanceDiskAttachmentSpec{DiskType: t.str("disk_type"), DiskSizeGB: t.int("disk_size_gb")}
	t.finish()
	return d
}
