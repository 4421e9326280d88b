package wizard

import (
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
)

// ParseDisk reads the value of --system-disk or --data-disk: "TYPE:GB"
// ("ssd.gp1:40"), or "TYPE" alone to leave the size to the platform. A "G",
// "GB" or "GiB" after the number is accepted. Ranges are Validate's job; this
// only checks that the value can be read.
func ParseDisk(s string) (apiclient.InstanceDiskAttachmentSpec, error) {
	typ, size, hasSize := strings.Cut(strings.TrimSpace(s), ":")
	typ = strings.TrimSpace(typ)
	if typ == "" {
		return apiclient.InstanceDiskAttachmentSpec{}, apiclient.Errorf("disk %q: the disk type is missing; write TYPE:GB, for example ssd.gp1:40", s)
	}
	d := apiclient.InstanceDiskAttachmentSpec{DiskType: typ}
	if !hasSize {
		return d, nil
	}
	num := strings.TrimSpace(size)
	for _, unit := range []string{"GiB", "GB", "G"} {
		if len(num) > len(unit) && strings.EqualFold(num[len(num)-len(unit):], unit) {
			num = strings.TrimSpace(num[:len(num)-len(unit)])
			break
		}
	}
	gb, err := strconv.Atoi(num)
	if err != nil || gb <= 0 {
		return apiclient.InstanceDiskAttachmentSpec{}, apiclient.Errorf("disk %q: the size must be a whole number of GiB; write TYPE:GB, for example ssd.gp1:40", s)
	}
	d.DiskSizeGB = gb
	return d, nil
}

// FormatDisk is the inverse of ParseDisk: "ssd.gp1:40", or "ssd.gp1" when
// the size is not set.
func FormatDisk(d apiclient.InstanceDiskAttachmentSpec) string {
	if d.DiskSizeGB == 0 {
		return d.DiskType
	}
	return d.DiskType + ":" + strconv.Itoa(d.DiskSizeGB)
}

// CommandLine is the `cocvm create` command that makes the same request
// without any screen, ending in --yes, for the review screen's "from a
// script" line. A fleet spread over zones names them all (--az a,b); each
// zone's subnet is chosen again when it is sent. It never holds the password: a draft with one gets
// --password-stdin. Only what the draft sets appears. Values a shell would
// misread are single-quoted.
//
// The flags cannot say everything a body can: security group names, and an
// elastic IP's provider, chargeMode, chargePlan, chargeUnit and
// chargeDuration, are left out (--eip gives bgp and the instances' billing,
// the only values the API accepts).
func CommandLine(d Draft) string {
	s := &d.Spec
	var b strings.Builder
	b.WriteString("cocvm create")
	flag := func(name, value string) {
		if value == "" {
			return
		}
		b.WriteString(" --" + name + " " + shellQuote(value))
	}
	flag("region", d.Region)
	flag("az", strings.Join(d.Zones(), ","))
	flag("type", s.InstanceType)
	flag("image", s.ImageID)
	n := &s.PrimaryNetworkInterface
	flag("vpc", n.VpcID)
	flag("subnet", n.SubnetID)
	for _, g := range n.SecurityGroups {
		flag("sg", g.GroupID)
	}
	flag("ip", n.IP)
	flag("name", s.Name)
	if d.Count != 0 {
		flag("count", strconv.Itoa(d.Count))
	}
	flag("key-name", s.KeyName)
	if s.Password != "" {
		b.WriteString(" --password-stdin")
	}
	flag("password-auth", s.PasswordAuth)
	if s.SystemDisk != (apiclient.InstanceDiskAttachmentSpec{}) {
		flag("system-disk", FormatDisk(s.SystemDisk))
	}
	for _, dd := range s.DataDisks {
		flag("data-disk", FormatDisk(dd))
	}
	if e := s.ElasticIPSpec; e != nil {
		flag("eip", strconv.Itoa(e.SizeMbps))
	}
	if c := s.Charge; c != nil {
		flag("charge-unit", c.ChargeUnit)
		if c.ChargeDuration != 0 {
			flag("charge-duration", strconv.Itoa(c.ChargeDuration))
		}
		if c.AutoRenew {
			b.WriteString(" --auto-renew")
		}
	}
	flag("client-token", d.ClientToken)
	b.WriteString(" --yes")
	return b.String()
}

// shellQuote leaves plain words alone and single-quotes anything else, so
// the line pastes into sh, bash or zsh as it reads.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
			strings.ContainsRune("-_./:=@,+%", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ElasticIP is the elastic IP that --eip MBPS asks for: the bandwidth and
// the provider bgp, which the API requires and is the only one it offers.
// Billing fields stay unset, so the IP is billed as the instances are.
func ElasticIP(mbps int) *apiclient.ElasticIPSpec {
	return &apiclient.ElasticIPSpec{SizeMbps: mbps, Provider: apiclient.EIPProviderBGP}
}
