package wizard

import "github.com/cocvm/cocvm/apiclient"

// Facts are what the catalogue says about the things a draft names. Every
// field is optional: a nil pointer or nil slice means "not known", and the
// rules that need it are skipped, so a failed look-up never blocks anyone.
//
// Facts about a different id than the draft's (an Image whose ImageID is not
// the draft's imageId, say, left over while the person is still choosing)
// are ignored as stale rather than applied to the wrong thing.
type Facts struct {
	// Image is the draft's image. With ImagesKnown, a nil Image means the
	// image does not exist.
	Image       *apiclient.Image
	ImagesKnown bool
	// ImageConstraint limits the instance types the draft's image runs on
	// (includes or excludes a list); nil means no constraint is known.
	ImageConstraint *apiclient.ImageInstanceTypeConstraint
	// InstanceType is the draft's instance type. With TypesKnown, a nil
	// InstanceType means the type does not exist in the region.
	InstanceType *apiclient.InstanceType
	TypesKnown   bool
	// DiskTypes are the disk types of the region with their stock per zone;
	// nil means unknown.
	DiskTypes []apiclient.DiskType
	// Subnet is the draft's subnet. With SubnetsKnown, a nil Subnet means the
	// subnet does not exist.
	Subnet       *apiclient.Subnet
	SubnetsKnown bool
	// SecurityGroups are the security groups of the region (or of the
	// draft's VPC); nil means unknown.
	SecurityGroups []apiclient.SecurityGroup
	// Keypairs are the key pairs of the region; nil means unknown, an empty
	// non-nil slice means the account has none.
	Keypairs []apiclient.Keypair
	// Quota is the instance quota of the region; nil means unknown.
	Quota *apiclient.QuotaUsage
}
