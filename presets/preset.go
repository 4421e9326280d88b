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
	c.ExtraZones = nil
	if len(d.ExtraZones) > 0 {
		c.ExtraZones = append([]string(nil), d.ExtraZones...)
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
	rule := apiclient.T("use 1 to 64 letters (a-z, A-Z), digits, '-', '_' or '.', not starting with '.'")
	switch {
	case name == "":
		return apiclient.Errorf("preset name is empty: %s", rule)
	case len(name) > 64:
		return apiclient.Errorf("preset name is %d characters long: %s", len(name), rule)
	case name[0] == '.':
		return apiclient.Errorf("preset name %q starts with '.': %s", name, rule)
	}
	for i, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return apiclient.Errorf("preset name %q has %s at position %d: %s", name, strconv.QuoteRune(r), i+1, rule)
		}
	}
	return nil
}

// presetFile is the preset file: keys named after the createInstances fields
// in snake_case, each with the comment written above it. There is no key for
// a password or a clientToken, so neither can reach the file whatever the
// draft holds.
type presetFile struct {
	Schema      int       `toml:"schema" comment:"File format version; cocvm refuses files newer than it understands."`
	Description string    "toml:\"description\" comment:\"Shown by `cocvm presets list`.\""
	Updated     time.Time `toml:"updated,omitzero" comment:"When this preset was last saved."`
	Region      string    `toml:"region" comment:"Region the instances are created in (regionId in the request URL)."`
	Count       int       `toml:"count,omitempty" comment:"How many instances (maxCount); more than 100 are sent as several requests."`

	Instance   instanceTable   `toml:"instance"`
	Network    networkTable    `toml:"network"`
	SystemDisk systemDiskTable `toml:"system_disk"`
	DataDisks  []diskTable     `toml:"data_disks,omitempty" comment:"A data disk (instanceSpec.dataDisks); one section each."`
	ElasticIP  *elasticIPTable `toml:"elastic_ip,omitempty"`
	Charge     *chargeTable    `toml:"charge,omitempty" comment:"Billing (instanceSpec.charge): prepaid by month or year."`
}

type instanceTable struct {
	Az string `toml:"az" comment:"Availability zone (instanceSpec.az)."`
	// ExtraZones is new in cocvm's schema 1 files and optional: a preset
	// without it is one zone, as it always was.
	ExtraZones   []string `toml:"extra_zones,omitempty" comment:"More zones to spread the instances over, evenly, each with a subnet that fits it (cocvm create --az a,b)."`
	InstanceType string   `toml:"instance_type" comment:"Instance type (instanceSpec.instanceType)."`
	ImageID      string   `toml:"image_id" comment:"Image ID (instanceSpec.imageId)."`
	Name         string   `toml:"name" comment:"Instance name (instanceSpec.name), 1 to 64 characters."`
	KeyName      string   `toml:"key_name,omitempty" comment:"Key pair for SSH login (instanceSpec.keyName)."`
	PasswordAuth string   `toml:"password_auth,omitempty" comment:"Allow SSH password login: \"yes\" or \"no\" (instanceSpec.passwordAuth)."`
}

type networkTable struct {
	VpcID          string               `toml:"vpc_id" comment:"VPC (instanceSpec.primaryNetworkInterface.vpcId)."`
	SubnetID       string               `toml:"subnet_id" comment:"Subnet (primaryNetworkInterface.subnetId)."`
	IP             string               `toml:"ip,omitempty" comment:"Fixed private IP (primaryNetworkInterface.ip); only with count 1."`
	SecurityGroups []securityGroupTable `toml:"security_groups,omitempty" comment:"A security group (primaryNetworkInterface.securityGroups); one section each."`
}

// The tables below have apiclient's fields in apiclient's order, so each
// converts to its apiclient type; a field added there fails to compile here.

type securityGroupTable struct {
	GroupID   string `toml:"group_id"`
	GroupName string `toml:"group_name,omitempty"`
}

type systemDiskTable struct {
	DiskType   string `toml:"disk_type" comment:"System disk type, e.g. ssd.gp1 (instanceSpec.systemDisk.diskType)."`
	DiskSizeGB int    `toml:"disk_size_gb,omitempty" comment:"Size in GiB (systemDisk.diskSizeGB)."`
}

type diskTable struct {
	DiskType   string `toml:"disk_type"`
	DiskSizeGB int    `toml:"disk_size_gb,omitempty"`
}

type elasticIPTable struct {
	SizeMbps       int    `toml:"size_mbps" comment:"Public IP bandwidth in Mbps (instanceSpec.elasticIpSpec.sizeMbps)."`
	Provider       string `toml:"provider" comment:"Line provider, e.g. bgp (elasticIpSpec.provider)."`
	ChargeMode     string `toml:"charge_mode,omitempty"`
	ChargePlan     string `toml:"charge_plan,omitempty"`
	ChargeUnit     string `toml:"charge_unit,omitempty"`
	ChargeDuration int    `toml:"charge_duration,omitempty"`
}

type chargeTable struct {
	ChargeMode     string `toml:"charge_mode,omitempty"`
	ChargeUnit     string `toml:"charge_unit,omitempty" comment:"\"month\" or \"year\"."`
	ChargeDuration int    `toml:"charge_duration,omitempty" comment:"1-9 months or 1-3 years."`
	AutoRenew      bool   `toml:"auto_renew" comment:"Renew automatically when the term ends."`
}

// encodePreset writes the preset file, commented for a person to edit.
func encodePreset(p Preset) ([]byte, error) {
	d := p.Draft
	s := d.Spec
	f := presetFile{
		Schema:      p.Schema,
		Description: p.Description,
		Updated:     p.Updated,
		Region:      d.Region,
		Count:       d.Count,
		Instance: instanceTable{Az: s.Az, ExtraZones: d.ExtraZones, InstanceType: s.InstanceType, ImageID: s.ImageID, Name: s.Name,
			KeyName: s.KeyName, PasswordAuth: s.PasswordAuth},
		Network: networkTable{VpcID: s.PrimaryNetworkInterface.VpcID, SubnetID: s.PrimaryNetworkInterface.SubnetID,
			IP: s.PrimaryNetworkInterface.IP},
		SystemDisk: systemDiskTable(s.SystemDisk),
	}
	if f.Schema == 0 {
		f.Schema = SchemaVersion
	}
	for _, g := range s.PrimaryNetworkInterface.SecurityGroups {
		f.Network.SecurityGroups = append(f.Network.SecurityGroups, securityGroupTable(g))
	}
	for _, dd := range s.DataDisks {
		f.DataDisks = append(f.DataDisks, diskTable(dd))
	}
	if e := s.ElasticIPSpec; e != nil {
		f.ElasticIP = (*elasticIPTable)(e)
	}
	if c := s.Charge; c != nil {
		f.Charge = (*chargeTable)(c)
	}
	return encodeTOML([]string{
		fmt.Sprintf("cocvm preset %q", p.Name),
		"",
		"A reusable set of choices for `cocvm create --preset " + p.Name + "`: everything a",
		"createInstances request needs except the password and the clientToken.",
		"It never holds a password: cocvm removes it when saving. Give one with",
		"--password-stdin or in the wizard, or log in with a key pair (key_name).",
		"Each create gets a fresh clientToken, so a preset can be used many times.",
		"",
		"Edit it freely: keys are the createInstances fields in snake_case. Unknown",
		"keys are refused, so a typo is reported instead of silently ignored.",
	}, f)
}

// decodePreset reads a preset file strictly. name is the preset's name (from
// the file name); path is only for messages.
func decodePreset(path, name string, data []byte) (Preset, error) {
	f := tomlFile{path: path, data: data,
		fix: apiclient.T("Correct that line (or delete the file to drop the preset); cocvm leaves the file as it is"),
		refused: map[string]FileError{"password": {Problem: apiclient.T("a preset never holds a password"),
			Fix: apiclient.T("Delete that line and give the password with --password-stdin or in the wizard; cocvm leaves the file as it is")}},
	}
	m, err := f.syntax()
	if err != nil {
		return Preset{}, err
	}
	// The version decides how to read everything else, so it comes first
	// and a newer file is refused before its new keys look like typos. A
	// schema of the wrong type is reported by decode.
	schema, present := m["schema"]
	sv, isInt := schema.(int64)
	switch {
	case !present:
		return Preset{}, &FileError{Path: path, Problem: apiclient.T("no schema key, so its format is unknown"),
			Fix: apiclient.T("Add the line `schema = %d` at the top if it was written for this cocvm", SchemaVersion)}
	case sv > SchemaVersion:
		return Preset{}, &FileError{Path: path, Line: f.lineOf("schema"),
			Problem: apiclient.T("written by a newer cocvm (preset schema %d; this cocvm reads up to %d)", sv, SchemaVersion),
			Fix:     apiclient.T("Update cocvm to use it; the file is left as it is")}
	case isInt && sv < 1:
		return Preset{}, &FileError{Path: path, Line: f.lineOf("schema"),
			Problem: apiclient.T("schema %d is not a preset format version", sv),
			Fix:     apiclient.T("Set `schema = %d`", SchemaVersion)}
	}
	var pf presetFile
	if err := f.decode(&pf); err != nil {
		return Preset{}, err
	}

	p := Preset{Name: name, Description: pf.Description, Updated: pf.Updated, Schema: pf.Schema}
	p.Draft.Region = pf.Region
	p.Draft.Count = pf.Count
	s := &p.Draft.Spec
	i := pf.Instance
	s.Az, s.InstanceType, s.ImageID, s.Name, s.KeyName, s.PasswordAuth = i.Az, i.InstanceType, i.ImageID, i.Name, i.KeyName, i.PasswordAuth
	if len(i.ExtraZones) > 0 {
		p.Draft.ExtraZones = i.ExtraZones
	}
	n := &s.PrimaryNetworkInterface
	n.VpcID, n.SubnetID, n.IP = pf.Network.VpcID, pf.Network.SubnetID, pf.Network.IP
	for _, g := range pf.Network.SecurityGroups {
		n.SecurityGroups = append(n.SecurityGroups, apiclient.SecurityGroupCreate(g))
	}
	s.SystemDisk = apiclient.InstanceDiskAttachmentSpec(pf.SystemDisk)
	for _, dd := range pf.DataDisks {
		s.DataDisks = append(s.DataDisks, apiclient.InstanceDiskAttachmentSpec(dd))
	}
	s.ElasticIPSpec = (*apiclient.ElasticIPSpec)(pf.ElasticIP)
	s.Charge = (*apiclient.ChargeSpec)(pf.Charge)
	return p, nil
}
