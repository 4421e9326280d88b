package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/cocvm/cocvm/apiclient"
)

// lookups answers the catalogue look-ups of one command from the first
// answer to each: reading names, choosing defaults and planning a fleet all
// ask for the region's types, images and subnets, and each call spends the
// session's API budget. Stock goes stale in minutes, not within a command.
type lookups struct {
	c *apiclient.Client

	mu   sync.Mutex
	seen map[string]any
}

func newLookups(c *apiclient.Client) *lookups { return &lookups{c: c, seen: map[string]any{}} }

// remember answers key from an earlier call, or makes it and keeps a
// successful answer.
func remember[T any](l *lookups, key string, call func() (T, error)) (T, error) {
	l.mu.Lock()
	if v, ok := l.seen[key]; ok {
		l.mu.Unlock()
		return v.(T), nil
	}
	l.mu.Unlock()
	v, err := call()
	if err == nil {
		l.mu.Lock()
		l.seen[key] = v
		l.mu.Unlock()
	}
	return v, err
}

func (l *lookups) ListInstanceTypes(ctx context.Context, region, az string) (apiclient.Listing[apiclient.InstanceType], error) {
	return remember(l, "types/"+region+"/"+az, func() (apiclient.Listing[apiclient.InstanceType], error) {
		return l.c.ListInstanceTypes(ctx, region, az)
	})
}

func (l *lookups) ListImages(ctx context.Context, region, source, platform string) (apiclient.Listing[apiclient.Image], error) {
	return remember(l, "images/"+region+"/"+source+"/"+platform, func() (apiclient.Listing[apiclient.Image], error) {
		return l.c.ListImages(ctx, region, source, platform)
	})
}

func (l *lookups) ListImageConstraints(ctx context.Context, region string, ids []string) (apiclient.Listing[apiclient.ImageConstraint], error) {
	return remember(l, "constraints/"+region+"/"+strings.Join(ids, ","), func() (apiclient.Listing[apiclient.ImageConstraint], error) {
		return l.c.ListImageConstraints(ctx, region, ids)
	})
}

func (l *lookups) ListVpcs(ctx context.Context, region string) (apiclient.Listing[apiclient.Vpc], error) {
	return remember(l, "vpcs/"+region, func() (apiclient.Listing[apiclient.Vpc], error) { return l.c.ListVpcs(ctx, region) })
}

func (l *lookups) ListSubnets(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.Subnet], error) {
	return remember(l, "subnets/"+region+"/"+vpcID, func() (apiclient.Listing[apiclient.Subnet], error) {
		return l.c.ListSubnets(ctx, region, vpcID)
	})
}

func (l *lookups) ListSecurityGroups(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.SecurityGroup], error) {
	return remember(l, "groups/"+region+"/"+vpcID, func() (apiclient.Listing[apiclient.SecurityGroup], error) {
		return l.c.ListSecurityGroups(ctx, region, vpcID)
	})
}

func (l *lookups) ListDiskTypes(ctx context.Context, region string) (apiclient.Listing[apiclient.DiskType], error) {
	return remember(l, fmt.Sprint("disks/", region), func() (apiclient.Listing[apiclient.DiskType], error) { return l.c.ListDiskTypes(ctx, region) })
}
