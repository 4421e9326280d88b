package apiclient

// Result objects of the describe calls, as they appear under "result" in
// the response envelope. Exported so servers (the sandbox) answer with
// exactly the names the client reads.

// DescribeInstanceStatusResult is the result of describeInstanceStatus.
type DescribeInstanceStatusResult struct {
	InstanceStatuses []InstanceStatus `json:"instanceStatuses"`
	TotalCount       int              `json:"totalCount"`
}

// DescribeInstancesResult is the result of describeInstances.
type DescribeInstancesResult struct {
	Instances  []Instance `json:"instances"`
	TotalCount int        `json:"totalCount"`
}

// DescribeInstanceResult is the result of describeInstance.
type DescribeInstanceResult struct {
	Instance Instance `json:"instance"`
}

// DescribeInstanceTypesResult is the result of describeInstanceTypes (not
// paged; totalCount is every type found).
type DescribeInstanceTypesResult struct {
	InstanceTypes []InstanceType `json:"instanceTypes"`
	TotalCount    int            `json:"totalCount"`
}

// DescribeImagesResult is the result of describeImages.
type DescribeImagesResult struct {
	Images     []Image `json:"images"`
	TotalCount int     `json:"totalCount"`
}

// DescribeImageResult is the result of describeImage.
type DescribeImageResult struct {
	Image Image `json:"image"`
}

// DescribeImageConstraintsResult is the result of
// describeImageConstraintsBatch.
type DescribeImageConstraintsResult struct {
	ImageConstraints []ImageConstraint `json:"imageConstraints"`
}

// DescribeKeypairsResult is the result of describeKeypairs.
type DescribeKeypairsResult struct {
	Keypairs   []Keypair `json:"keypairs"`
	TotalCount int       `json:"totalCount"`
}

// DescribeQuotaResult is the result of quota:describeUsage.
type DescribeQuotaResult struct {
	QuotaUsages []QuotaUsage `json:"quotaUsages"`
}

// DescribeVpcsResult is the result of describeVpcs.
type DescribeVpcsResult struct {
	Vpcs       []Vpc `json:"vpcs"`
	TotalCount int   `json:"totalCount"`
}

// DescribeSubnetsResult is the result of describeSubnets.
type DescribeSubnetsResult struct {
	Subnets    []Subnet `json:"subnets"`
	TotalCount int      `json:"totalCount"`
}

// DescribeSecurityGroupsResult is the result of
// describeNetworkSecurityGroups.
type DescribeSecurityGroupsResult struct {
	NetworkSecurityGroups []SecurityGroup `json:"networkSecurityGroups"`
	TotalCount            int             `json:"totalCount"`
}

// DescribeDiskTypesResult is the result of describeDiskTypes (a cocvm
// extension served by the sandbox).
type DescribeDiskTypesResult struct {
	DiskTypes []DiskType `json:"diskTypes"`
}

// CreateInstancesResponse is what CreateInstances returns: the request id,
// the clientToken the request carried (generated when the caller gave none)
// and the ids of the instances being created.
type CreateInstancesResponse struct {
	RequestID   string
	ClientToken string
	InstanceIDs []string
}
