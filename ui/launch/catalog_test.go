package launch

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/ui/field"
)

// Model tests of what the wizard makes of the catalogue's answers: items
// that could not be read, subnets with no zone, the shared image source
// and the platforms offered.

// wzOddCatalog is the sandbox with changes to its answers: look-ups that
// left items out, subnets kept to those with no zone, shared images.
type wzOddCatalog struct {
	*apiclient.Client
	typesSkipped, subnetsSkipped int
	zonelessOnly                 bool
	shared                       []apiclient.Image
	sharedErr                    error
	extraImages                  []apiclient.Image // added to the public list
}

func skips(call string, n int) []apiclient.SkippedItem {
	out := make([]apiclient.SkippedItem, n)
	for i := range out {
		out[i] = apiclient.SkippedItem{Call: call, Index: i, Reason: "cannot unmarshal"}
	}
	return out
}

func (c *wzOddCatalog) ListInstanceTypes(ctx context.Context, region, az string) (apiclient.Listing[apiclient.InstanceType], error) {
	l, err := c.Client.ListInstanceTypes(ctx, region, az)
	l.Skipped = append(l.Skipped, skips("describeInstanceTypes", c.typesSkipped)...)
	return l, err
}

func (c *wzOddCatalog) ListSubnets(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.Subnet], error) {
	l, err := c.Client.ListSubnets(ctx, region, vpcID)
	if c.zonelessOnly {
		l.Items = slices.DeleteFunc(l.Items, func(s apiclient.Subnet) bool { return s.Az != "" })
	}
	l.Skipped = append(l.Skipped, skips("describeSubnets", c.subnetsSkipped)...)
	return l, err
}

func (c *wzOddCatalog) ListImages(ctx context.Context, region, source, platform string) (apiclient.Listing[apiclient.Image], error) {
	switch source {
	case apiclient.ImageSourceShared:
		return apiclient.Listing[apiclient.Image]{Items: c.shared}, c.sharedErr
	case apiclient.ImageSourcePublic:
		l, err := c.Client.ListImages(ctx, region, source, platform)
		l.Items = append(l.Items, c.extraImages...)
		return l, err
	}
	return c.Client.ListImages(ctx, region, source, platform)
}

// One item that cannot be read never empties a list: the rest show, and
// the list says how many were left out.
func TestWizardListsSayWhatCouldNotBeRead(t *testing.T) {
	t.Parallel()
	cat := &wzOddCatalog{Client: wzSandbox(t, sandbox.Options{}), typesSkipped: 2, subnetsSkipped: 1}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 40)
	h.forwardTo(stepType)
	if n := len(h.m.f.types.Rows()); n == 0 {
		t.Fatal("the type list is empty")
	}
	h.wantView("types", "g.n2.medium", "2 items could not be read (see --debug)")
	h.forwardTo(stepNetwork)
	h.wantView("subnets", "default-a", "1 item could not be read (see --debug)")
	if strings.Contains(h.view(), "items could not be read") {
		t.Errorf("a list with nothing left out says so:\n%s", h.view())
	}
	h.forwardTo(stepReview)
}

// A subnet with no zone fits every zone: it is listed ("all zones") and
// chosen for whichever zone, and a change of zone keeps it.
func TestWizardZonelessSubnetFitsEveryZone(t *testing.T) {
	t.Parallel()
	cat := &wzOddCatalog{Client: wzSandbox(t, sandbox.Options{}), zonelessOnly: true}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 40)
	h.forwardTo(stepNetwork)
	// default-vpc has no subnet without a zone: nothing fits.
	h.wantView("default-vpc", "the VPC has no subnet in cn-hongkong-11a")
	h.keys("down", "space") // prod-vpc
	h.wantView("prod-vpc", "prod-any", "all zones")
	sub := h.m.draft.Spec.PrimaryNetworkInterface.SubnetID
	if s := h.m.data.findSubnet(sub); s == nil || s.SubnetName != "prod-any" {
		t.Fatalf("the subnet chosen for zone a is %q, want prod-any:\n%s", sub, h.view())
	}
	if ps := h.m.stepProblems(stepNetwork); len(ps) > 0 {
		t.Errorf("problems with the zone-less subnet: %v", ps)
	}
	// Zone c: the same subnet stays, and still fits.
	h.run(h.m.gotoStep(stepZone))
	h.focusField(h.m.f.zone)
	h.keys("down", "down", "enter")
	if h.m.draft.Spec.Az != "cn-hongkong-11c" {
		t.Fatalf("zone %s, want cn-hongkong-11c", h.m.draft.Spec.Az)
	}
	h.forwardTo(stepNetwork)
	if got := h.m.draft.Spec.PrimaryNetworkInterface.SubnetID; got != sub {
		t.Errorf("zone c chose subnet %q, want %q kept", got, sub)
	}
	h.wantView("zone c", "prod-any", "all zones")
	if ps := h.m.stepProblems(stepNetwork); len(ps) > 0 {
		t.Errorf("problems with the zone-less subnet in zone c: %v", ps)
	}
}

// With the sandbox's own subnets, a VPC's zone-less subnet is offered
// beside the zone's own, which the wizard prefers.
func TestWizardOffersTheZonelessSubnetBesideTheZones(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepNetwork)
	h.keys("down", "space") // prod-vpc
	var names []string
	for _, r := range h.m.f.subnet.Rows() {
		names = append(names, r.Cells[0]+"/"+r.Cells[3])
	}
	if len(names) != 2 || !slices.Contains(names, "prod-any/all zones") {
		t.Errorf("prod-vpc's subnets for zone a: %v, want the zone's and prod-any", names)
	}
	if s := h.m.data.findSubnet(h.m.draft.Spec.PrimaryNetworkInterface.SubnetID); s == nil || s.Az != "cn-hongkong-11a" {
		t.Errorf("the subnet chosen is %+v, want the zone's own", s)
	}
}

func optionLabels(c *field.Choice) []string {
	var out []string
	for _, o := range c.Options {
		out = append(out, o.Label)
	}
	return out
}

// Shared images are not supported yet: the source is not offered, and its
// refusal is no failure; it is offered once a shared list has images.
func TestWizardOffersSharedImagesOnlyWhenThereAreSome(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		cat     func(c *apiclient.Client) Catalog
		sources []string
	}{
		{"the sandbox refuses shared", func(c *apiclient.Client) Catalog { return c }, []string{"public", "private"}},
		{"an error", func(c *apiclient.Client) Catalog {
			return &wzOddCatalog{Client: c, sharedErr: apiclient.NewAPIError(400, apiclient.StatusInvalidArg, "imageSource shared is not supported")}
		}, []string{"public", "private"}},
		{"a failed connection", func(c *apiclient.Client) Catalog {
			return &wzOddCatalog{Client: c, sharedErr: errors.New("connection reset by peer")}
		}, []string{"public", "private"}},
		{"shared images", func(c *apiclient.Client) Catalog {
			return &wzOddCatalog{Client: c, shared: []apiclient.Image{{ImageID: "img-shared0001", Name: "team image", Platform: "Ubuntu",
				OsType: "linux", ImageSource: "shared", Status: "ready", SystemDiskSizeGB: 40}}}
		}, []string{"public", "private", "shared"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newWzHarness(t, Config{Catalog: tc.cat(wzSandbox(t, sandbox.Options{})), Sandbox: true}, 120, 40)
			h.forwardTo(stepImage)
			if got := optionLabels(h.m.f.imgSource); !slices.Equal(got, tc.sources) {
				t.Errorf("sources %v, want %v", got, tc.sources)
			}
			if v := h.view(); strings.Contains(v, "could not load") || strings.Contains(v, "✗") {
				t.Errorf("the shared answer shows as a failure:\n%s", v)
			}
			if len(tc.sources) == 3 {
				h.key("right")
				h.key("right")
				h.wantView("shared", "(•) shared", "team image")
			}
			h.forwardTo(stepReview)
		})
	}
}

// The platforms offered are those of the source's images, in the
// describeImages page's order after All; none is made up (the sandbox's
// Debian images are Other Linux).
func TestWizardPlatformsFromTheImages(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepImage)
	want := []string{"All", "Ubuntu", "CentOS", "Windows Server", "Other Linux"}
	if got := optionLabels(h.m.f.imgPlatform); !slices.Equal(got, want) {
		t.Errorf("public platforms %v, want %v", got, want)
	}
	// The private images have no Other Linux. Ubuntu stays chosen across
	// sources; a platform the source has none of is All again.
	h.focusField(h.m.f.imgPlatform)
	h.key("right") // Ubuntu
	h.focusField(h.m.f.imgSource)
	h.key("right") // private
	if got, want := optionLabels(h.m.f.imgPlatform), []string{"All", "Ubuntu", "CentOS", "Windows Server"}; !slices.Equal(got, want) {
		t.Errorf("private platforms %v, want %v", got, want)
	}
	if h.m.platform() != "Ubuntu" {
		t.Errorf("platform %q after the source changed, want Ubuntu kept", h.m.platform())
	}
	// backToOtherLinux goes from the source back to public, and to its
	// Other Linux platform.
	backToOtherLinux := func() {
		h.key("left") // public
		h.focusField(h.m.f.imgPlatform)
		for h.m.platform() != apiclient.PlatformOtherLinux {
			h.key("right")
		}
	}
	backToOtherLinux()
	h.focusField(h.m.f.imgSource)
	h.key("right") // private: no Other Linux
	if h.m.platform() != "All" {
		t.Errorf("platform %q on a source without it, want All", h.m.platform())
	}
	backToOtherLinux()
	rows := h.m.f.images.Rows()
	if len(rows) == 0 {
		t.Fatal("no Other Linux images")
	}
	for _, r := range rows {
		if r.Cells[1] != apiclient.PlatformOtherLinux || !strings.HasPrefix(r.Cells[0], "Debian") {
			t.Errorf("an Other Linux row: %v", r.Cells)
		}
	}

	// Another platform, documented or not, is offered too, in its place.
	cat := &wzOddCatalog{Client: wzSandbox(t, sandbox.Options{}), extraImages: []apiclient.Image{
		{ImageID: "img-bsd000001", Name: "FreeBSD 14", Platform: "FreeBSD", OsType: "linux", ImageSource: "public", Status: "ready", SystemDiskSizeGB: 40},
		{ImageID: "img-win000001", Name: "Windows 11", Platform: "Other Windows", OsType: "windows", ImageSource: "public", Status: "ready", SystemDiskSizeGB: 60},
	}}
	h = newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 40)
	h.forwardTo(stepImage)
	want = []string{"All", "Ubuntu", "CentOS", "Windows Server", "Other Linux", "Other Windows", "FreeBSD"}
	if got := optionLabels(h.m.f.imgPlatform); !slices.Equal(got, want) {
		t.Errorf("platforms %v, want %v", got, want)
	}
}
