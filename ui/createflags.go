package ui

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// createOptions are the flags of `cocvm create` and `cocvm preview`.
type createOptions struct {
	preset         string
	region         string
	az             string
	instanceType   string
	image          string
	vpc            string
	subnet         string
	groups         []string
	ip             string
	name           string
	count          int
	keyName        string
	passwordStdin  bool
	passwordAuth   string
	systemDisk     string
	dataDisks      []string
	eip            int
	chargeUnit     string
	chargeDuration int
	autoRenew      bool
	clientToken    string

	// azAll is --az all: every zone of the region (resolveZones).
	azAll bool

	yes          bool
	dryRun       bool
	noWait       bool
	output       string
	showPassword bool
	resume       string

	flags *pflag.FlagSet
}

func addCreateFlags(cmd *cobra.Command, o *createOptions, p *message.Printer) {
	f := cmd.Flags()
	o.flags = f
	f.StringVar(&o.preset, "preset", "", p.Sprintf("start from a saved preset"))
	f.StringVar(&o.region, "region", "", p.Sprintf("region id, e.g. cn-hongkong-11 (env COCVM_REGION)"))
	f.StringVar(&o.az, "az", "", p.Sprintf("availability zone, e.g. cn-hongkong-11a; several (cn-hongkong-11a,cn-hongkong-11b) or all\n"+
		"spread the count evenly over those where the type is in stock, each with a subnet that fits it"))
	f.StringVar(&o.instanceType, "type", "", p.Sprintf("instance type, e.g. g.n2.large"))
	f.StringVar(&o.image, "image", "", p.Sprintf("image id or name, e.g. \"Ubuntu 22.04 64位\""))
	f.StringVar(&o.vpc, "vpc", "", p.Sprintf("VPC id or name"))
	f.StringVar(&o.subnet, "subnet", "", p.Sprintf("subnet id or name"))
	f.StringArrayVar(&o.groups, "sg", nil, p.Sprintf("security group id or name (repeatable)"))
	f.StringVar(&o.ip, "ip", "", p.Sprintf("private IP of the primary interface (forces --count 1)"))
	f.StringVar(&o.name, "name", "", p.Sprintf("instance name"))
	f.IntVar(&o.count, "count", 0, p.Sprintf("how many instances (over 100 is sent as several requests)"))
	f.StringVar(&o.keyName, "key-name", "", p.Sprintf("key pair name (Linux images only)"))
	f.BoolVar(&o.passwordStdin, "password-stdin", false, p.Sprintf("read the instance password from the first line of stdin"))
	f.StringVar(&o.passwordAuth, "password-auth", "", p.Sprintf("allow SSH password login: yes|no"))
	f.StringVar(&o.systemDisk, "system-disk", "", p.Sprintf("system disk as TYPE:GB, e.g. ssd.gp1:40"))
	f.StringArrayVar(&o.dataDisks, "data-disk", nil, p.Sprintf("data disk as TYPE:GB (repeatable)"))
	f.IntVar(&o.eip, "eip", 0, p.Sprintf("attach an elastic IP with this bandwidth in Mbps"))
	f.StringVar(&o.chargeUnit, "charge-unit", "", p.Sprintf("prepaid unit: month|year"))
	f.IntVar(&o.chargeDuration, "charge-duration", 0, p.Sprintf("prepaid duration (1-9 months or 1-3 years)"))
	f.BoolVar(&o.autoRenew, "auto-renew", false, p.Sprintf("renew automatically"))
	f.StringVar(&o.clientToken, "client-token", "", p.Sprintf("idempotency token (generated when empty)"))
}

func (o *createOptions) changed(name string) bool {
	return o.flags != nil && o.flags.Changed(name)
}

// draft builds the draft: the preset first (when named), then every flag
// that was given. Region falls back to COCVM_REGION and then def.
func (o *createOptions) draft(env *Env, def string) (wizard.Draft, error) {
	var d wizard.Draft
	if o.preset != "" {
		p, err := presets.DefaultStore().Load(o.preset)
		if err != nil {
			return d, err
		}
		d = p.ToDraft()
	}
	if err := o.apply(&d); err != nil {
		return d, err
	}
	if d.Region == "" {
		d.Region = theme.FirstNonEmpty(env.Getenv("COCVM_REGION"), def)
	}
	if d.Region == "" && d.Spec.Az != "" {
		d.Region, _ = apiclient.RegionOfZone(d.Spec.Az)
	}
	return d, nil
}

// sessionDraft is draft with the session's region and zone as defaults.
func (o *createOptions) sessionDraft(env *Env, sess *Session) (wizard.Draft, error) {
	d, err := o.draft(env, sess.Region)
	if err != nil {
		return d, err
	}
	if d.Spec.Az == "" && sess.Zone != "" && d.Region == sess.Region {
		d.Spec.Az = sess.Zone
	}
	return d, nil
}

// apply lays the flags that were given over d.
func (o *createOptions) apply(d *wizard.Draft) error {
	s := &d.Spec
	nic := &s.PrimaryNetworkInterface
	set := func(flag string, dst *string, v string) {
		if o.changed(flag) {
			*dst = strings.TrimSpace(v)
		}
	}
	set("region", &d.Region, o.region)
	if o.changed("az") {
		zones, all, err := parseZones(o.az)
		if err != nil {
			return err
		}
		o.azAll = all
		d.SetZones(zones)
	}
	set("type", &s.InstanceType, o.instanceType)
	set("image", &s.ImageID, o.image)
	set("vpc", &nic.VpcID, o.vpc)
	set("subnet", &nic.SubnetID, o.subnet)
	set("ip", &nic.IP, o.ip)
	set("name", &s.Name, o.name)
	set("key-name", &s.KeyName, o.keyName)
	set("client-token", &d.ClientToken, o.clientToken)
	if o.changed("password-auth") {
		v := strings.ToLower(strings.TrimSpace(o.passwordAuth))
		if v != "yes" && v != "no" {
			return usageError("--password-auth takes yes or no, not %q", o.passwordAuth)
		}
		s.PasswordAuth = v
	}
	if o.changed("sg") {
		nic.SecurityGroups = nil
		for _, g := range o.groups {
			for _, id := range strings.Split(g, ",") {
				if id = strings.TrimSpace(id); id != "" {
					nic.SecurityGroups = append(nic.SecurityGroups, apiclient.SecurityGroupCreate{GroupID: id})
				}
			}
		}
	}
	if o.changed("count") {
		d.Count = o.count
		if o.count < 1 {
			return usageError("--count must be at least 1, not %d", o.count)
		}
	}
	if o.changed("system-disk") {
		disk, err := wizard.ParseDisk(o.systemDisk)
		if err != nil {
			return usageError("--system-disk: %v", err)
		}
		s.SystemDisk = disk
	}
	if o.changed("data-disk") {
		s.DataDisks = nil
		for _, v := range o.dataDisks {
			disk, err := wizard.ParseDisk(v)
			if err != nil {
				return usageError("--data-disk %s: %v", v, err)
			}
			s.DataDisks = append(s.DataDisks, disk)
		}
	}
	if o.changed("charge-unit") || o.changed("charge-duration") || o.changed("auto-renew") {
		if s.Charge == nil {
			s.Charge = &apiclient.ChargeSpec{ChargeMode: apiclient.ChargeModePrepaid}
		}
		if o.changed("charge-unit") {
			s.Charge.ChargeUnit = strings.ToLower(strings.TrimSpace(o.chargeUnit))
		}
		if o.changed("charge-duration") {
			s.Charge.ChargeDuration = o.chargeDuration
		}
		if o.changed("auto-renew") {
			s.Charge.AutoRenew = o.autoRenew
		}
	}
	if o.changed("eip") {
		if o.eip == 0 {
			s.ElasticIPSpec = nil
		} else {
			s.ElasticIPSpec = wizard.ElasticIP(o.eip)
		}
	}
	launch.FollowCharge(s)
	return nil
}

// parseZones reads --az: one zone, several separated by commas, or all.
func parseZones(v string) (zones []string, all bool, err error) {
	for _, z := range strings.Split(v, ",") {
		z = strings.TrimSpace(z)
		switch {
		case z == "":
		case strings.EqualFold(z, "all"):
			all = true
		default:
			zones = append(zones, z)
		}
	}
	if all && len(zones) > 0 {
		return nil, false, usageError("--az takes zones or all, not both")
	}
	return zones, all, nil
}

// resolveZones makes --az all the region's zones (those the regions page
// lists; for another region those the API names, when api is not nil).
// The plan then leaves out the zones where the type is sold out.
func (o *createOptions) resolveZones(ctx context.Context, api launch.FleetCatalog, d *wizard.Draft) error {
	if !o.azAll {
		return nil
	}
	if d.Region == "" {
		return usageError("--az all: which region? Give --region")
	}
	zones, err := launch.RegionZones(ctx, api, d.Region)
	if err != nil {
		return &exitError{code: ExitFailed, err: apiclient.Errorf("--az all: %v", err)}
	}
	d.SetZones(zones)
	return nil
}

// The id prefixes of what a flag may name: a value with its kind's prefix
// is taken as an id, as it is, with no look-up.
const (
	imagePrefix  = "img-"
	vpcPrefix    = "vpc-"
	subnetPrefix = "subnet-"
	groupPrefix  = "sg-"
)

// NameCatalog is what reading names looks up: the region's images, VPCs,
// subnets and security groups.
type NameCatalog interface {
	ListImages(ctx context.Context, region, source, platform string) (apiclient.Listing[apiclient.Image], error)
	ListVpcs(ctx context.Context, region string) (apiclient.Listing[apiclient.Vpc], error)
	ListSubnets(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.Subnet], error)
	ListSecurityGroups(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.SecurityGroup], error)
}

// hasNames reports whether d names an image, VPC, subnet or security group
// by its name rather than its id (then resolveNames needs the API).
func hasNames(d wizard.Draft) bool {
	nic := d.Spec.PrimaryNetworkInterface
	named := func(v, prefix string) bool { return v != "" && !strings.HasPrefix(v, prefix) }
	if named(d.Spec.ImageID, imagePrefix) || named(nic.VpcID, vpcPrefix) || named(nic.SubnetID, subnetPrefix) {
		return true
	}
	for _, g := range nic.SecurityGroups {
		if named(g.GroupID, groupPrefix) {
			return true
		}
	}
	return false
}

// resolveNames turns the names in d (--image, --vpc, --subnet, --sg, or a
// preset's) into ids, against the look-ups of d's region, as hcloud does
// (wizard.Resolve: id, exact name, name in any case). Values that are ids
// cost no look-up. A name that matches nothing, or several, is a usage
// error (exit 2) that lists the candidates or the nearest name.
func resolveNames(ctx context.Context, api NameCatalog, d *wizard.Draft) error {
	s := &d.Spec
	nic := &s.PrimaryNetworkInterface
	lookupErr := func(what apiclient.Text, err error) error {
		return &exitError{code: ExitFailed, err: apiclient.Errorf("looking up the %v of %s to read the names given: %v", what, d.Region, err)}
	}
	resolve := func(flag, kind string, dst *string, items []wizard.Named) error {
		id, err := wizard.Resolve(kind, *dst, items)
		if err != nil {
			return usageError("--%s: %v", flag, err)
		}
		*dst = id
		return nil
	}
	if v := s.ImageID; v != "" && !strings.HasPrefix(v, imagePrefix) {
		var items []wizard.Named
		for _, source := range []string{apiclient.ImageSourcePublic, apiclient.ImageSourcePrivate} {
			l, err := api.ListImages(ctx, d.Region, source, "")
			if err != nil {
				if source == apiclient.ImageSourcePublic {
					return lookupErr(apiclient.T("images"), err)
				}
				continue // no private images to name: the public ones still are
			}
			for _, img := range l.Items {
				items = append(items, wizard.Named{ID: img.ImageID, Name: img.Name})
			}
		}
		if err := resolve("image", "image", &s.ImageID, items); err != nil {
			return err
		}
	}
	if v := nic.VpcID; v != "" && !strings.HasPrefix(v, vpcPrefix) {
		l, err := api.ListVpcs(ctx, d.Region)
		if err != nil {
			return lookupErr(apiclient.T("VPCs"), err)
		}
		var items []wizard.Named
		for _, vpc := range l.Items {
			items = append(items, wizard.Named{ID: vpc.VpcID, Name: vpc.VpcName})
		}
		if err := resolve("vpc", "VPC", &nic.VpcID, items); err != nil {
			return err
		}
	}
	// Subnets and groups are looked for in the VPC, when there is one.
	if v := nic.SubnetID; v != "" && !strings.HasPrefix(v, subnetPrefix) {
		l, err := api.ListSubnets(ctx, d.Region, nic.VpcID)
		if err != nil {
			return lookupErr(apiclient.T("subnets"), err)
		}
		var items []wizard.Named
		for _, sn := range l.Items {
			items = append(items, wizard.Named{ID: sn.SubnetID, Name: sn.SubnetName})
		}
		if err := resolve("subnet", "subnet", &nic.SubnetID, items); err != nil {
			return err
		}
	}
	var groups []wizard.Named
	for i := range nic.SecurityGroups {
		g := &nic.SecurityGroups[i]
		if g.GroupID == "" || strings.HasPrefix(g.GroupID, groupPrefix) {
			continue
		}
		if groups == nil {
			l, err := api.ListSecurityGroups(ctx, d.Region, nic.VpcID)
			if err != nil {
				return lookupErr(apiclient.T("security groups"), err)
			}
			groups = []wizard.Named{}
			for _, sg := range l.Items {
				groups = append(groups, wizard.Named{ID: sg.NetworkSecurityGroupID, Name: sg.NetworkSecurityGroupName})
			}
		}
		if err := resolve("sg", "security group", &g.GroupID, groups); err != nil {
			return err
		}
	}
	return nil
}

// chooseDefaults fills what the flags and preset left out with the
// wizard's own choices (launch.ChooseDefaults), one line on stderr per
// choice. A look-up that fails is exit 1: nothing was sent.
func chooseDefaults(ctx context.Context, env *Env, api launch.DefaultsCatalog, d *wizard.Draft) error {
	said, err := launch.ChooseDefaults(ctx, api, d)
	for _, c := range said {
		fmt.Fprintln(env.IO.ErrOut, "cocvm: "+locale.Say(env.P, c.Text()))
	}
	if err != nil {
		return &exitError{code: ExitFailed, err: apiclient.Errorf("%v; nothing was sent", err)}
	}
	return nil
}

// readPassword reads the password from the first line of r.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", apiclient.Errorf("reading the password from stdin: %v", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", usageError("--password-stdin: stdin was empty; pipe the password in, e.g. printf '%%s\\n' \"$PW\" | cocvm create ...")
	}
	return pw, nil
}

// printProblems writes one line per problem: path and message. Password
// problems name the broken rule without quoting any part of the password,
// since these lines end up in terminals' scrollback and CI logs.
func printProblems(pr *message.Printer, w io.Writer, ps []wizard.Problem, password string) {
	done := false
	for _, p := range ps {
		if p.Path != wizard.PathPassword || password == "" {
			fmt.Fprintln(w, locale.Say(pr, p.Text()))
			continue
		}
		if done {
			continue
		}
		done = true
		for _, rule := range launch.BrokenPasswordRules(password) {
			fmt.Fprintln(w, locale.Say(pr, wizard.Problem{Path: p.Path, Message: rule, Pos: p.Pos}.Text()))
		}
	}
}
