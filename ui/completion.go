package ui

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/theme"
)

// Shell completion with live values, as cobra does it (`cocvm completion
// bash|zsh|fish`): presets and profiles from the files, regions and zones
// from the catalogue cocvm knows, and instance types, images, VPCs,
// subnets, security groups and key pairs from the API of the region given
// so far (or the profile's), each with a short description.

// completionTimeout bounds a look-up made while the shell waits.
const completionTimeout = 3 * time.Second

type completer func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective)

// registerCreateCompletions completes the flags that create and preview
// share.
func registerCreateCompletions(cmd *cobra.Command, env *Env) {
	live := func(look func(ctx context.Context, c *apiclient.Client, region, az string) ([]string, error)) completer {
		return func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
			return completeLive(cmd, env, look)
		}
	}
	for name, fn := range map[string]completer{
		"preset": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return presetNames(env.P), cobra.ShellCompDirectiveNoFileComp
		},
		"region": func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return regionChoices(), cobra.ShellCompDirectiveNoFileComp
		},
		"az": func(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return zoneChoices(cmd, env, toComplete)
		},
		"type": live(func(ctx context.Context, c *apiclient.Client, region, az string) ([]string, error) {
			types, err := c.DescribeInstanceTypes(ctx, region, az)
			var out []string
			for _, t := range types {
				out = append(out, t.InstanceType+"\t"+env.P.Sprintf("%s vCPU, %s GiB", strconv.Itoa(t.CPU), strconv.Itoa(t.MemoryMB/1024)))
			}
			return out, err
		}),
		"image": live(func(ctx context.Context, c *apiclient.Client, region, _ string) ([]string, error) {
			var out []string
			for _, src := range []string{apiclient.ImageSourcePublic, apiclient.ImageSourcePrivate} {
				imgs, err := c.DescribeImages(ctx, region, src, "")
				if err != nil {
					return out, err
				}
				for _, img := range imgs {
					out = append(out, img.ImageID+"\t"+img.Name)
				}
			}
			return out, nil
		}),
		"vpc": live(func(ctx context.Context, c *apiclient.Client, region, _ string) ([]string, error) {
			vpcs, err := c.DescribeVpcs(ctx, region)
			var out []string
			for _, v := range vpcs {
				out = append(out, v.VpcID+"\t"+v.VpcName+" "+v.AddressPrefix)
			}
			return out, err
		}),
		"subnet": live(func(ctx context.Context, c *apiclient.Client, region, az string) ([]string, error) {
			vpc, _ := cmd.Flags().GetString("vpc")
			subnets, err := c.DescribeSubnets(ctx, region, vpc)
			var out []string
			for _, s := range subnets {
				if az != "" && !s.FitsZone(az) {
					continue
				}
				out = append(out, s.SubnetID+"\t"+s.SubnetName+" "+s.AddressPrefix+" "+theme.OrDash(s.Az))
			}
			return out, err
		}),
		"sg": live(func(ctx context.Context, c *apiclient.Client, region, _ string) ([]string, error) {
			vpc, _ := cmd.Flags().GetString("vpc")
			groups, err := c.DescribeSecurityGroups(ctx, region, vpc)
			var out []string
			for _, g := range groups {
				out = append(out, g.NetworkSecurityGroupID+"\t"+g.NetworkSecurityGroupName)
			}
			return out, err
		}),
		"key-name": live(func(ctx context.Context, c *apiclient.Client, region, _ string) ([]string, error) {
			keys, err := c.DescribeKeypairs(ctx, region)
			var out []string
			for _, k := range keys {
				out = append(out, k.KeyName)
			}
			return out, err
		}),
	} {
		if cmd.Flags().Lookup(name) != nil {
			_ = cmd.RegisterFlagCompletionFunc(name, fn)
		}
	}
}

// registerCompletions wires every completion into the command tree: the
// root's flags, create's and preview's flags, and the preset arguments of
// presets show, delete and export.
func registerCompletions(root *cobra.Command, env *Env) {
	registerGlobalCompletions(root, env)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "create", "preview":
			registerCreateCompletions(c, env)
		case "presets":
			for _, sub := range c.Commands() {
				switch sub.Name() {
				case "show", "delete", "export":
					sub.ValidArgsFunction = completePresetArg(env.P)
				}
			}
		}
	}
}

// registerGlobalCompletions completes the root's persistent flags.
func registerGlobalCompletions(root *cobra.Command, env *Env) {
	_ = root.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		cfg, _, _ := env.loadConfig()
		return cfg.ProfileNames(), cobra.ShellCompDirectiveNoFileComp
	})
}

// completePresetArg completes a preset name as the first argument.
func completePresetArg(pr *message.Printer) completer {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return presetNames(pr), cobra.ShellCompDirectiveNoFileComp
	}
}

// presetNames are the presets, each described by its count, type and zone.
func presetNames(pr *message.Printer) []string {
	list, _ := presets.DefaultStore().List()
	var out []string
	for _, p := range list {
		d := p.ToDraft()
		out = append(out, p.Name+"\t"+withSep(p.Description)+pr.Sprintf("%s × %s in %s", strconv.Itoa(max(d.Count, 1)), theme.OrDash(d.Spec.InstanceType), theme.OrDash(d.Spec.Az)))
	}
	return out
}

func withSep(s string) string {
	if s == "" {
		return ""
	}
	return s + " · "
}

func regionChoices() []string {
	var out []string
	for _, r := range apiclient.Regions() {
		out = append(out, r.ID+"\t"+r.Name)
	}
	return out
}

// zoneChoices are the zones of the region given so far (every COC region's
// when none is), and "all".
func zoneChoices(cmd *cobra.Command, env *Env, toComplete string) ([]string, cobra.ShellCompDirective) {
	region := completionRegion(cmd, env)
	var zones []string
	for _, r := range apiclient.Regions() {
		if region == "" || r.ID == region {
			zones = append(zones, r.Zones...)
		}
	}
	// A list being typed (--az a,b): the zones not listed yet, after what
	// is typed up to the last comma, and no space after, for another.
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		typed := strings.Split(toComplete[:i], ",")
		var out []string
		for _, z := range zones {
			if !slices.Contains(typed, z) {
				out = append(out, toComplete[:i+1]+z)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	return append(zones, "all\t"+env.P.Sprintf("every zone where the type is in stock")), cobra.ShellCompDirectiveNoFileComp
}

// completionRegion is --region as typed so far, else COCVM_REGION.
func completionRegion(cmd *cobra.Command, env *Env) string {
	if r, _ := cmd.Flags().GetString("region"); r != "" {
		return r
	}
	return env.Getenv("COCVM_REGION")
}

// completeLive connects as the command would (flags, environment,
// profile) and asks the API; any failure completes nothing rather than
// printing into the person's shell.
func completeLive(cmd *cobra.Command, env *Env, look func(ctx context.Context, c *apiclient.Client, region, az string) ([]string, error)) ([]string, cobra.ShellCompDirective) {
	ctx, cancel := context.WithTimeout(cmd.Context(), completionTimeout)
	defer cancel()
	// Warnings (a config open to others, say) must not land in the shell.
	e := *env
	e.IO = &iostreams.IOStreams{In: env.IO.In, Out: io.Discard, ErrOut: io.Discard}
	sess, err := e.Connect(ctx)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer sess.Close()
	region := theme.FirstNonEmpty(completionRegion(cmd, env), sess.Region)
	az, _ := cmd.Flags().GetString("az")
	if strings.Contains(az, ",") || az == "all" {
		az = ""
	}
	out, _ := look(ctx, sess.Client, region, az)
	return out, cobra.ShellCompDirectiveNoFileComp
}
