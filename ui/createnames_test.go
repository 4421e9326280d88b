package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// namedFlags are validFlags with names where the sandbox's ids were.
var namedFlags = []string{
	"--region", "cn-hongkong-11", "--az", "cn-hongkong-11a", "--type", "g.n2.large",
	"--image", "Ubuntu 22.04 64位", "--vpc", "default-vpc", "--subnet", "default-a",
	"--sg", "DEFAULT", "--name", "web", "--system-disk", "ssd.gp1:40",
}

func TestPreviewReadsNamesAsTheIdsTheyName(t *testing.T) {
	byID, errOut, code := runCLI(t, "", append([]string{"--sandbox", "preview"}, validFlags...)...)
	if code != 0 {
		t.Fatalf("ids: exit %d, stderr %q", code, errOut)
	}
	byName, errOut, code := runCLI(t, "", append([]string{"--sandbox", "preview"}, namedFlags...)...)
	if code != 0 {
		t.Fatalf("names: exit %d, stderr %q", code, errOut)
	}
	if byName != byID {
		t.Errorf("the names build another body:\n%s\nwant\n%s", byName, byID)
	}
}

func TestCreateYesTakesNames(t *testing.T) {
	out, errOut, code := runCLI(t, "", append([]string{"--sandbox", "create", "--yes", "-o", "json"}, namedFlags...)...)
	if code != 0 || !strings.Contains(out, `"status": "running"`) {
		t.Fatalf("exit %d, stdout %s, stderr %q", code, out, errOut)
	}
}

func TestANameThatMatchesSeveralOrNoneIsAUsageError(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		// Without --vpc the groups of every VPC are candidates.
		{[]string{"--sg", "default"}, `--sg: 2 security groups are named "default": sg-`},
		{[]string{"--vpc", "default-vp"}, `--vpc: no VPC has the id or name "default-vp"; did you mean "default-vpc"?`},
		{[]string{"--image", "Ubuntu 22.04"}, `--image: no image has the id or name "Ubuntu 22.04"`},
	} {
		for _, cmd := range [][]string{{"preview"}, {"create", "--yes"}} {
			args := append(append([]string{"--sandbox"}, cmd...), "--region", "cn-hongkong-11")
			out, errOut, code := runCLI(t, "", append(args, tc.args...)...)
			if code != ExitUsage || !strings.Contains(errOut, tc.want) || out != "" {
				t.Errorf("%v %v: exit %d, stdout %q, stderr %q; want exit 2 and %q", cmd, tc.args, code, out, errOut, tc.want)
			}
		}
	}
}

// noLookups fails every look-up: ids must not need one.
type noLookups struct{}

var errLookedUp = errors.New("looked up")

func (noLookups) ListImages(context.Context, string, string, string) (apiclient.Listing[apiclient.Image], error) {
	return apiclient.Listing[apiclient.Image]{}, errLookedUp
}
func (noLookups) ListVpcs(context.Context, string) (apiclient.Listing[apiclient.Vpc], error) {
	return apiclient.Listing[apiclient.Vpc]{}, errLookedUp
}
func (noLookups) ListSubnets(context.Context, string, string) (apiclient.Listing[apiclient.Subnet], error) {
	return apiclient.Listing[apiclient.Subnet]{}, errLookedUp
}
func (noLookups) ListSecurityGroups(context.Context, string, string) (apiclient.Listing[apiclient.SecurityGroup], error) {
	return apiclient.Listing[apiclient.SecurityGroup]{}, errLookedUp
}

func TestIdsCostNoLookUp(t *testing.T) {
	var d wizard.Draft
	d.Region = "cn-hongkong-11"
	d.Spec.ImageID = "img-a"
	nic := &d.Spec.PrimaryNetworkInterface
	nic.VpcID, nic.SubnetID = "vpc-a", "subnet-a"
	nic.SecurityGroups = []apiclient.SecurityGroupCreate{{GroupID: "sg-a"}, {GroupID: "sg-b"}}
	if hasNames(d) {
		t.Error("hasNames: ids taken for names")
	}
	if err := resolveNames(context.Background(), noLookups{}, &d); err != nil {
		t.Fatal(err)
	}
	nic.VpcID = "default-vpc"
	if err := resolveNames(context.Background(), noLookups{}, &d); !errors.Is(err, errLookedUp) {
		t.Errorf("a name: %v, want the look-up's error", err)
	}
}
