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
	// DiskQuota (cloud disks, system disks included), DiskGiBQuota (their
	// total GiB) and ElasticIPQuota are the other quotas createInstances
	// counts against; nil means unknown.
	DiskQuota, DiskGiBQuota, ElasticIPQuota *apiclient.QuotaUsage
}

// QuotaNeed is how much of each quota a draft's instances take.
type QuotaNeed struct {
	Instances int
	// Disks are the system and data disks of every instance.
	Disks int
	// DiskGiB is their total size; DiskGiBEach is one instance's.
	DiskGiB, DiskGiBEach int
	// ElasticIPs is one per instance when the draft has an elastic IP.
	ElasticIPs int
}

// Needs is what count instances of d take of the quotas: each holds
// itself, its system disk and data disks, their GiB, and its elastic IP. A
// system disk without a size counts the image's size (at least 40 GiB) when
// img is known, a data disk without one 20 GiB: what the service is taken
// to choose (inferred, not documented).
func Needs(d Draft, img *apiclient.Image) QuotaNeed {
	n := d.Count
	if n <= 0 {
		n = 1
	}
	s := &d.Spec
	each := s.SystemDisk.DiskSizeGB
	if each == 0 {
		each = systemDiskMinGB
		if img != nil && img.ImageID == s.ImageID {
			each = max(each, img.SystemDiskSizeGB)
		}
	}
	for _, dd := range s.DataDisks {
		if dd.DiskSizeGB > 0 {
			each += dd.DiskSizeGB
		} else {
			each += dataDiskMinGB
		}
	}
	need := QuotaNeed{Instances: n, Disks: n * (1 + len(s.DataDisks)), DiskGiB: n * each, DiskGiBEach: each}
	if s.ElasticIPSpec != nil {
		need.ElasticIPs = n
	}
	return need
}
