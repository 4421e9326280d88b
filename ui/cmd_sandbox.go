package ui

import (
	"github.com/cocvm/cocvm/ui/locale"

	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// defaultSandboxAddr is where `cocvm sandbox serve` listens by default.
const defaultSandboxAddr = "127.0.0.1:8089"

func newSandboxCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: env.P.Sprintf("Run the built-in copy of the COC-VM API for scripts, CI and other SDKs"),
		Long: env.P.Sprintf("The sandbox is a built-in copy of the COC-VM API: real JDCLOUD2 signatures, the\n" +
			"documented errors and instance lifecycle, nothing real created or charged.\n" +
			"`cocvm --sandbox` runs one inside cocvm; `cocvm sandbox serve` serves one on a port."),
		Args: subcommandArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newSandboxServeCmd(env))
	return cmd
}

// serveFlags are the flags of `cocvm sandbox serve`, as typed.
type serveFlags struct {
	addr         string
	accessKey    string
	secretKey    string
	state        string
	bootTime     string
	bootFailRate string
	errorRate    float64
	dropRate     float64
	latency      time.Duration
	rateLimit    string
	quota        string
	allowRemote  bool
}

func newSandboxServeCmd(env *Env) *cobra.Command {
	var fl serveFlags
	p := env.P
	cmd := &cobra.Command{
		Use:   "serve",
		Short: p.Sprintf("Serve the sandbox API on a local port until Ctrl-C"),
		Long: p.Sprintf("Serve the COC-VM, quota and VPC calls on one endpoint, print the endpoint, the\n" +
			"access key and secret it accepts (generated unless given) and an example command,\n" +
			"and serve until Ctrl-C or SIGTERM. Only this machine can connect unless --allow-remote."),
		Example: "  cocvm sandbox serve\n" +
			"  cocvm sandbox serve --addr 127.0.0.1:0 --boot-time 0 --state sandbox.json\n" +
			"  cocvm sandbox serve --error-rate 0.1 --drop-rate 0.05 --latency 200ms --rate-limit 20/s",
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSandboxServe(cmd.Context(), env, fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.addr, "addr", defaultSandboxAddr, p.Sprintf("address to listen on (host:port; port 0 picks a free one)"))
	f.StringVar(&fl.accessKey, "access-key", "", p.Sprintf("the access key to accept (default: generated)"))
	f.StringVar(&fl.secretKey, "secret-key", "", p.Sprintf("the secret key to accept, with --access-key (default: generated)"))
	f.StringVar(&fl.state, "state", "", p.Sprintf("keep instances and client tokens in FILE across restarts"))
	f.StringVar(&fl.bootTime, "boot-time", "", p.Sprintf("time to boot: a duration (1s, 0) or a range (3s-8s) (default 3s-8s)"))
	f.StringVar(&fl.bootFailRate, "boot-fail-rate", "", p.Sprintf("fraction 0..1 of new instances that go error (default 0.05 for batches, 0 for single instances)"))
	f.Float64Var(&fl.errorRate, "error-rate", 0, p.Sprintf("fraction 0..1 of requests answered 500 INTERNAL or UNKNOWN"))
	f.Float64Var(&fl.dropRate, "drop-rate", 0, p.Sprintf("fraction 0..1 of requests carried out, then answered by dropping the connection"))
	f.DurationVar(&fl.latency, "latency", 0, p.Sprintf("delay before every answer (e.g. 200ms)"))
	f.StringVar(&fl.rateLimit, "rate-limit", "", p.Sprintf("requests allowed per second, e.g. 20/s; above it 429 (default unlimited)"))
	f.StringVar(&fl.quota, "quota", strconv.Itoa(sandbox.DefaultQuota), p.Sprintf("quotas of every region: a number of instances, or vm=N,volume=N,volume_size=GiB,elasticIp=N"))
	f.BoolVar(&fl.allowRemote, "allow-remote", false, p.Sprintf("allow listening on an address other machines can reach"))
	return cmd
}

// options turns the flags into sandbox options; every mistake is a usage
// error naming the flag.
func (fl serveFlags) options() (sandbox.Options, error) {
	o := sandbox.Options{AccessKey: fl.accessKey, SecretKey: fl.secretKey, StateFile: fl.state, BootFailRate: -1}
	if (fl.accessKey == "") != (fl.secretKey == "") {
		return o, usageError("--access-key and --secret-key go together: give both, or neither to have a pair generated")
	}
	if strings.ContainsAny(fl.accessKey+fl.secretKey, " \t\r\n") {
		return o, usageError("--access-key and --secret-key cannot contain spaces")
	}
	if fl.bootTime != "" {
		lo, hi, err := sandbox.ParseBootTime(fl.bootTime)
		if err != nil {
			return o, usageError("--boot-time: %v", err)
		}
		o.BootMin, o.BootMax = lo, hi
	}
	if fl.bootFailRate != "" {
		r, err := parseFraction("--boot-fail-rate", fl.bootFailRate)
		if err != nil {
			return o, err
		}
		o.BootFailRate = r
	}
	for _, r := range []struct {
		name string
		v    float64
	}{{"--error-rate", fl.errorRate}, {"--drop-rate", fl.dropRate}} {
		if r.v < 0 || r.v > 1 || r.v != r.v {
			return o, usageError("%s %v is not a fraction: give a number from 0 to 1, e.g. 0.1 for 10%%", r.name, r.v)
		}
	}
	o.ErrorRate, o.DropRate = fl.errorRate, fl.dropRate
	if fl.latency < 0 {
		return o, usageError("--latency %v is negative", fl.latency)
	}
	o.Latency = fl.latency
	if fl.rateLimit != "" {
		r, err := sandbox.ParseRate(fl.rateLimit)
		if err != nil {
			return o, usageError("--rate-limit: %v", err)
		}
		o.RateLimit = r
	}
	q, err := sandbox.ParseQuota(fl.quota)
	if err != nil {
		return o, usageError("--quota %s: %v", fl.quota, err)
	}
	q.ApplyTo(&o)
	return o, nil
}

func parseFraction(flag, s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 0 || v > 1 || v != v {
		return 0, usageError("%s %q is not a fraction: give a number from 0 to 1, e.g. 0.05 for 5%%", flag, s)
	}
	return v, nil
}

// checkServeAddr checks --addr: host:port, the host this machine only
// (localhost, 127.0.0.0/8, ::1; a name must resolve to nothing else) unless
// remote connections are allowed. It reports whether the address is
// loopback.
func checkServeAddr(ctx context.Context, addr string, allowRemote bool) (loopback bool, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false, usageError("--addr %q: give host:port, e.g. %s", addr, defaultSandboxAddr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return false, usageError("--addr %q: the port must be a number from 0 to 65535 (0 picks a free one)", addr)
	}
	loopback, err = isLoopbackListenHost(ctx, host)
	if err != nil {
		return false, usageError("--addr %q: %v", addr, err)
	}
	if !loopback && !allowRemote {
		what := apiclient.T("host %s", host)
		if host == "" || net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified() {
			what = apiclient.T("every network interface")
		}
		return false, usageError("--addr %q listens on %v, which other machines can reach; the sandbox accepts "+
			"anyone who has its key, over plain HTTP. Use a 127.0.0.1 address, or add --allow-remote if that is what you want", addr, what)
	}
	return loopback, nil
}

// isLoopbackListenHost reports whether listening on host is reachable from
// this machine only. An empty host or 0.0.0.0 means every interface.
func isLoopbackListenHost(ctx context.Context, host string) (bool, error) {
	h := strings.Trim(host, "[]")
	if h == "" {
		return false, nil
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsLoopback(), nil
	}
	if apiclient.IsLoopbackHost(h) {
		return true, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupIPAddr(ctx, h)
	if err != nil {
		return false, apiclient.Errorf("cannot resolve %s", h)
	}
	for _, a := range addrs {
		if !a.IP.IsLoopback() {
			return false, nil
		}
	}
	return len(addrs) > 0, nil
}

func runSandboxServe(ctx context.Context, env *Env, fl serveFlags) error {
	opts, err := fl.options()
	if err != nil {
		return err
	}
	loopback, err := checkServeAddr(ctx, fl.addr, fl.allowRemote)
	if err != nil {
		return err
	}
	// Ctrl-C already cancels ctx (Main catches SIGINT); a service manager
	// stops with SIGTERM, which deserves the same clean stop.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	run, err := sandbox.StartAddr(ctx, fl.addr, opts)
	if err != nil {
		var oe *net.OpError
		if errors.As(err, &oe) {
			return apiclient.Errorf("cannot listen on %s: %v (is another sandbox running there? choose another --addr)", fl.addr, oe.Err)
		}
		return apiclient.Errorf("starting the sandbox: %v", err)
	}
	example, exErr := sandboxExampleDraft(ctx)
	printServeBanner(env, run, fl, opts, loopback, example, exErr)

	<-ctx.Done()
	fmt.Fprintln(env.IO.ErrOut, env.P.Sprintf("Stopping the sandbox…"))
	if err := run.Close(); err != nil {
		return apiclient.Errorf("stopping the sandbox: %v", err)
	}
	if fl.state != "" {
		fmt.Fprintln(env.IO.ErrOut, env.P.Sprintf("Sandbox stopped; its state is saved in %s.", fl.state))
	} else {
		fmt.Fprintln(env.IO.ErrOut, env.P.Sprintf("Sandbox stopped."))
	}
	return nil
}

// printServeBanner says where the sandbox is, the key pair it accepts and
// how to use it. Printing the secret is intended: it is the sandbox's own
// throwaway credential, and nothing else can use it.
func printServeBanner(env *Env, run *sandbox.Running, fl serveFlags, opts sandbox.Options, loopback bool, example wizard.Draft, exErr error) {
	st := theme.NewStyles(env.IO.Renderer())
	out := env.IO.Out
	endpoint := run.URL
	if host, port, err := net.SplitHostPort(strings.TrimPrefix(run.URL, "http://")); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			// A client cannot connect to 0.0.0.0; name this machine.
			name, herr := os.Hostname()
			if herr != nil || name == "" {
				name = "localhost"
			}
			endpoint = "http://" + net.JoinHostPort(name, port)
		}
	}
	p := env.P
	row := func(label, value string) { fmt.Fprintf(out, "  %s %s\n", theme.PadRight(label, 11), value) }
	fmt.Fprintln(out, p.Sprintf("%s serving a built-in copy of the COC-VM API. Nothing real is created or charged.",
		st.Sandbox.Render(p.Sprintf("SANDBOX")))+"\n")
	row(p.Sprintf("endpoint"), endpoint)
	row(p.Sprintf("access key"), run.AccessKey)
	row(p.Sprintf("secret key"), run.SecretKey)
	var regions []string
	for _, r := range apiclient.Regions() {
		regions = append(regions, r.ID)
	}
	row(p.Sprintf("regions"), locale.List(p, regions))
	if fl.state != "" {
		row(p.Sprintf("state"), p.Sprintf("%s (kept across restarts)", fl.state))
	} else {
		row(p.Sprintf("state"), p.Sprintf("in memory only (gone when stopped; keep it with --state FILE)"))
	}
	row(p.Sprintf("instances"), describeBoot(p, opts))
	row(p.Sprintf("faults"), describeFaults(p, fl, opts))
	if !loopback {
		fmt.Fprintln(out, "\n"+st.Warn.Render("!")+" "+p.Sprintf("Other machines can reach this sandbox (--allow-remote); clients there need --insecure for plain HTTP."))
	}

	fmt.Fprintln(out, "\n"+p.Sprintf("Use it from another shell:"))
	fmt.Fprintf(out, "\n  export JDCLOUD_ACCESS_KEY=%s JDCLOUD_SECRET_KEY=%s COCVM_ENDPOINT=%s\n", run.AccessKey, run.SecretKey, endpoint)
	insecure := ""
	if !loopback {
		insecure = " --insecure"
	}
	fmt.Fprintln(out, "  "+p.Sprintf("cocvm%s                # the wizard", insecure))
	if exErr == nil {
		fmt.Fprintf(out, "  %s%s\n", wizard.CommandLine(example), insecure)
	}
	fmt.Fprintln(out, "\n"+p.Sprintf("Ctrl-C stops it."))
}

// describeBoot says how the sandbox's instances boot. Durations and
// percentages are formatted before the printer sees them (%s): it would
// group the digits of a number.
func describeBoot(p *message.Printer, o sandbox.Options) string {
	var boot string
	switch {
	case o.BootMax < 0:
		boot = p.Sprintf("running at once")
	case o.BootMin == 0 && o.BootMax == 0:
		boot = p.Sprintf("boot in %s-%s", sandbox.DefaultBootMin.String(), sandbox.DefaultBootMax.String())
	case o.BootMin == o.BootMax:
		boot = p.Sprintf("boot in %s", o.BootMin.String())
	default:
		boot = p.Sprintf("boot in %s-%s", o.BootMin.String(), o.BootMax.String())
	}
	fail := p.Sprintf("%s%% of instances in batches fail to boot", percent(sandbox.DefaultBootFailRate))
	if o.BootFailRate >= 0 {
		fail = p.Sprintf("%s%% fail to boot", percent(o.BootFailRate))
	}
	return p.Sprintf("%s, %s, quota %s per region", boot, fail, strconv.Itoa(o.Quota))
}

// percent is a fraction as a percentage, as %g writes it.
func percent(f float64) string { return fmt.Sprintf("%g", f*100) }

func describeFaults(p *message.Printer, fl serveFlags, o sandbox.Options) string {
	var f []string
	if o.ErrorRate > 0 {
		f = append(f, p.Sprintf("%s%% answered 500", percent(o.ErrorRate)))
	}
	if o.DropRate > 0 {
		f = append(f, p.Sprintf("%s%% dropped after acting", percent(o.DropRate)))
	}
	if o.Latency > 0 {
		f = append(f, p.Sprintf("latency %s", o.Latency.String()))
	}
	if o.RateLimit > 0 {
		f = append(f, p.Sprintf("rate limit %s", fl.rateLimit))
	}
	if len(f) == 0 {
		return p.Sprintf("none")
	}
	return strings.Join(f, p.Sprintf(", "))
}

// sandboxExampleDraft finds a request that the sandbox accepts, for the
// example command: it asks a private, fault-free sandbox for its catalogue
// (the catalogue is the same on every start) and keeps the first
// combination the wizard's rules pass.
func sandboxExampleDraft(ctx context.Context) (wizard.Draft, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	probe, err := sandbox.Start(ctx, sandbox.Options{BootMax: sandbox.InstantBoot})
	if err != nil {
		return wizard.Draft{}, err
	}
	defer probe.Close()
	c, err := apiclient.New(apiclient.Config{AccessKey: probe.AccessKey, SecretKey: probe.SecretKey, Endpoint: probe.URL})
	if err != nil {
		return wizard.Draft{}, err
	}
	region := apiclient.Regions()[0]
	az := region.Zones[0]
	types, err := c.DescribeInstanceTypes(ctx, region.ID, az)
	if err != nil {
		return wizard.Draft{}, err
	}
	images, err := c.DescribeImages(ctx, region.ID, "public", "")
	if err != nil {
		return wizard.Draft{}, err
	}
	vpcs, err := c.DescribeVpcs(ctx, region.ID)
	if err != nil || len(vpcs) == 0 {
		return wizard.Draft{}, errors.Join(err, errors.New("no VPC"))
	}
	vpc := vpcs[0].VpcID
	subnets, err := c.DescribeSubnets(ctx, region.ID, vpc)
	if err != nil {
		return wizard.Draft{}, err
	}
	groups, err := c.DescribeSecurityGroups(ctx, region.ID, vpc)
	if err != nil || len(groups) == 0 {
		return wizard.Draft{}, errors.Join(err, errors.New("no security group"))
	}
	keys, err := c.DescribeKeypairs(ctx, region.ID)
	if err != nil {
		return wizard.Draft{}, err
	}
	var subnet *apiclient.Subnet
	for i := range subnets {
		if subnets[i].Az == az {
			subnet = &subnets[i]
			break
		}
	}
	if subnet == nil {
		return wizard.Draft{}, errors.New("no subnet in " + az)
	}
	disks, err := c.DescribeDiskTypes(ctx, region.ID)
	if err != nil {
		return wizard.Draft{}, err
	}
	var ids []string
	for _, im := range images {
		ids = append(ids, im.ImageID)
	}
	constraints, err := c.DescribeImageConstraints(ctx, region.ID, ids)
	if err != nil {
		return wizard.Draft{}, err
	}
	d := wizard.Draft{Region: region.ID}
	d.Spec.Az = az
	d.Spec.Name = "sandbox-demo"
	d.Spec.PrimaryNetworkInterface.VpcID = vpc
	d.Spec.PrimaryNetworkInterface.SubnetID = subnet.SubnetID
	d.Spec.PrimaryNetworkInterface.SecurityGroups = []apiclient.SecurityGroupCreate{{GroupID: groups[0].NetworkSecurityGroupID}}
	if len(keys) > 0 {
		d.Spec.KeyName = keys[0].KeyName
	}
disk:
	for _, dt := range disks {
		for _, s := range dt.State {
			if s.Az == az && !s.InStock {
				continue disk
			}
		}
		d.Spec.SystemDisk = apiclient.InstanceDiskAttachmentSpec{DiskType: dt.DiskType, DiskSizeGB: 40}
		break
	}
	for i := range images {
		im := &images[i]
		if !strings.EqualFold(im.OsType, "linux") {
			continue
		}
		var con *apiclient.ImageInstanceTypeConstraint
		for j := range constraints {
			if constraints[j].ImageID == im.ImageID {
				con = &constraints[j].Constraint
			}
		}
		for j := range types {
			t := &types[j]
			d.Spec.ImageID, d.Spec.InstanceType = im.ImageID, t.InstanceType
			facts := &wizard.Facts{
				Image: im, ImagesKnown: true, ImageConstraint: con,
				InstanceType: t, TypesKnown: true,
				Subnet: subnet, SubnetsKnown: true,
				SecurityGroups: groups, Keypairs: keys, DiskTypes: disks,
			}
			if len(wizard.Validate(d, facts)) == 0 {
				return d, nil
			}
		}
	}
	return wizard.Draft{}, errors.New("no instance type and image pass the rules")
}
